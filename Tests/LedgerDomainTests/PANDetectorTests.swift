import Testing
@testable import LedgerDomain

/// The card-number detector on its own and through the real command decoder: every hostile value
/// is refused wherever it is placed (free text, id, key, nested array), the rejection names the
/// field and never holds the value; ordinary values pass.
@Suite struct PANDetectorTests {
    typealias Hostile = PANSamples.Hostile

    func rejection(_ text: String) -> CommandRejection? {
        do {
            _ = try CommandDecoder.decode(Array(text.utf8), tokenKey: TestLedger.tokenKey)
            return nil
        } catch {
            return error
        }
    }

    /// A JSON string literal for `text` (quotes, backslashes and control characters escaped).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func creditNote(reason: String = #""damaged""#, extra: String = "") -> String {
        #"{"type":"IssueCreditNote","commandId":"c9","creditNoteId":"CN1","invoiceId":"INV-1","amount":"1.00","reason":\#(reason)\#(extra)}"#
    }

    static func party(id: String) -> String {
        #"{"type":"RegisterParty","commandId":"c1","partyId":\#(id),"name":"Buyer","kind":"smb","roles":["buyer"],"country":"HK"}"#
    }

    static func invoice(secondLine description: String, extraLineMember: String = "") -> String {
        #"{"type":"IssueInvoice","commandId":"c5","invoiceId":"I1","sellerId":"S1","buyerId":"B1","currency":"HKD","lines":[{"description":"Widgets","quantity":1,"unitPrice":"1"},{"description":\#(description),"quantity":2,"unitPrice":"3"\#(extraLineMember)}],"issueDate":"2026-05-15","dueDate":"2026-06-14"}"#
    }

    static func capture(arn: String = CommandDecoderTests.arn, visaTransactionId: String = "123456789012345") -> String {
        #"{"type":"CaptureCardPayment","commandId":"c6","paymentId":"PAY-1","invoiceId":"INV-1","bindingId":"C1","amount":"37.50","currency":"HKD","arn":"\#(arn)","authCode":"A1B2C3","visaTransactionId":"\#(visaTransactionId)"}"#
    }

    /// ASCII digits of the text, other scripts' decimal digits normalised.
    static func digits(_ text: String) -> String {
        String(text.compactMap { $0.isNumber ? $0.wholeNumberValue.map { Character(String($0)) } : nil })
    }

    /// Every text of a rejection: description, message, field, reflections and its JSON form.
    static func texts(of rejection: CommandRejection) -> [String] {
        var builder = JSONObjectBuilder()
        builder.add("code", rejection.code)
        builder.add("field", rejection.field)
        builder.add("message", rejection.message)
        let json = String(decoding: builder.canonicalJSON(), as: UTF8.self)
        return [rejection.description, rejection.message, rejection.field ?? "", String(describing: rejection),
                String(reflecting: rejection), json]
    }

    static func longestDigitRun(_ text: String) -> Int {
        var longest = 0, current = 0
        for byte in text.utf8 {
            current = byte &- 48 <= 9 ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }

    func expectWithheld(_ rejection: CommandRejection?, _ sample: Hostile, code: String = "pan_detected", field: String?,
                        sourceLocation: SourceLocation = #_sourceLocation) {
        guard let rejection else {
            Issue.record("accepted", sourceLocation: sourceLocation)
            return
        }
        #expect(rejection.code == code, "\(rejection)", sourceLocation: sourceLocation)
        #expect(rejection.field == field, sourceLocation: sourceLocation)
        for text in Self.texts(of: rejection) {
            #expect(!text.contains(sample.text), sourceLocation: sourceLocation)
            #expect(!text.contains(sample.pan), sourceLocation: sourceLocation)
            #expect(!text.contains(Self.digits(sample.text)), sourceLocation: sourceLocation)
            #expect(Self.longestDigitRun(text) < PANDetector.panDigitsMin, sourceLocation: sourceLocation)
            #expect(!PANDetector.containsCardNumber(text), sourceLocation: sourceLocation)
        }
    }

    // MARK: the tables

    @Test func tablesHoldRealCardNumbersAndEnoughCases() {
        #expect(PANSamples.hostile.count >= 40)
        #expect(PANSamples.ordinary.count >= 20)
        for sample in PANSamples.hostile {
            #expect(Luhn.isValid(Array(sample.pan.utf8)), "\(sample.pan) fails Luhn")
            #expect(CardNetworks.network(of: Array(sample.pan.utf8)) != nil, "\(sample.pan) has no network")
            #expect(Self.digits(sample.text).contains(sample.pan))
        }
    }

    @Test(arguments: PANSamples.hostile)
    func detectorFindsEveryHostileValue(_ sample: Hostile) {
        #expect(PANDetector.containsCardNumber(sample.text))
        #expect(PANDetector.mayHoldCardNumber(sample.text))
    }

    @Test(arguments: PANSamples.ordinary)
    func detectorPassesOrdinaryText(_ text: String) {
        #expect(!PANDetector.containsCardNumber(text))
    }

    // MARK: through the decoder

    @Test(arguments: PANSamples.hostile)
    func decoderRefusesTheValueInFreeTextIdsKeysAndNestedArrays(_ sample: Hostile) {
        let quoted = Self.quoted(sample.text)
        expectWithheld(rejection(Self.creditNote(reason: quoted)), sample, field: "reason")
        expectWithheld(rejection(Self.party(id: quoted)), sample, field: "partyId")
        expectWithheld(rejection(Self.invoice(secondLine: quoted)), sample, field: "lines[1].description")
        expectWithheld(rejection(Self.creditNote(extra: ",\(quoted):\"x\"")), sample, field: "<key #7>")
        expectWithheld(rejection(Self.invoice(secondLine: #""W""#, extraLineMember: ",\(quoted):1")), sample, field: "lines[1].<key #4>")
        let bankTransfer = #"{"type":"RecordBankTransfer","commandId":"c7","paymentId":"PAY-2","invoiceId":\#(quoted),"amount":"10","currency":"HKD","bankReference":"HSBC 123-456"}"#
        expectWithheld(rejection(bankTransfer), sample, field: "invoiceId")
        let roles = #"{"type":"RegisterParty","commandId":"c1","partyId":"B1","name":"B","kind":"smb","roles":["buyer",\#(quoted)],"country":"HK"}"#
        expectWithheld(rejection(roles), sample, field: "roles[1]")
    }

    @Test(arguments: PANSamples.ordinary)
    func decoderAcceptsOrdinaryValues(_ text: String) throws {
        let quoted = Self.quoted(text)
        #expect(rejection(Self.creditNote(reason: quoted)) == nil)
        #expect(rejection(Self.invoice(secondLine: quoted)) == nil)
        if Identifier.isValidId(text) {
            #expect(rejection(Self.party(id: quoted)) == nil)
        }
        let asKey = rejection(Self.creditNote(extra: ",\(quoted):\"x\""))
        #expect(asKey?.code == "unknown_field")
    }

    @Test func keysKeyKindsAndMessagesNameThePositionNotTheKey() {
        let sample = Hostile(text: PANSamples.visa, pan: PANSamples.visa)
        let top = rejection(Self.creditNote(extra: #",""# + sample.text + #"":"x""#))
        expectWithheld(top, sample, field: "<key #7>")
        #expect(top?.message.hasPrefix("key #7 of the command object looks like a card number") == true)
        let nested = rejection(Self.invoice(secondLine: #""W""#, extraLineMember: #",""# + sample.text + #"":1"#))
        #expect(nested?.message.hasPrefix("key #4 of lines[1] looks like a card number") == true)
        // Under a key that is withheld (many digits, no card number), the path names its position.
        let under = rejection(Self.creditNote(extra: #","0000000000000000":{"memo":""# + sample.text + #""}"#))
        expectWithheld(under, sample, field: "<key #7>.memo")
    }

    @Test func unknownKeysWithManyDigitsAreNotEchoed() {
        let key = "00000000000000001"  // 17 digits, no card number in it
        #expect(!PANDetector.containsCardNumber(key))
        let sample = Hostile(text: key, pan: key)
        let unknown = rejection(Self.creditNote(extra: #",""# + key + #"":"x""#))
        expectWithheld(unknown, sample, code: "unknown_field", field: "<key #7>")
        #expect(unknown?.message == "IssueCreditNote: key #7 is not a known field (not shown: it might hold a card number)")
        let nested = rejection(Self.invoice(secondLine: #""W""#, extraLineMember: #",""# + key + #"":1"#))
        expectWithheld(nested, sample, code: "unknown_field", field: "lines[1].<key #4>")
        let duplicate = rejection(Self.creditNote(extra: #",""# + key + #"":1,""# + key + #"":2"#))
        expectWithheld(duplicate, sample, code: "malformed_json", field: nil)
    }

    @Test func numbersAndEscapedDigitsAreScannedToo() {
        let sample = Hostile(text: PANSamples.visa, pan: PANSamples.visa)
        let quantity = Self.invoice(secondLine: #""W""#).replacingOccurrences(of: #""quantity":2"#, with: #""quantity":4111111111111111"#)
        expectWithheld(rejection(quantity), sample, field: "lines[1].quantity")
        let exponent = Self.invoice(secondLine: #""W""#).replacingOccurrences(of: #""quantity":2"#, with: #""quantity":4.111111111111111e15"#)
        expectWithheld(rejection(exponent), sample, field: "lines[1].quantity")
        expectWithheld(rejection(Self.creditNote(reason: #""\u0034111\u00a01111\u00a01111\u00a01111""#)), sample, field: "reason")
        expectWithheld(rejection(Self.creditNote().replacingOccurrences(of: #""c9""#, with: #""c-4111111111111111""#)), sample, field: "commandId")
    }

    @Test func moreThanThreeSeparatorsEndARun() {
        #expect(PANDetector.containsCardNumber("41111111 -/11111111"))
        #expect(!PANDetector.containsCardNumber("41111111 -  11111111"))
        #expect(!PANDetector.containsCardNumber("41111111, 11111111"))
        #expect(!PANDetector.containsCardNumber("41111111:11111111"))
    }

    @Test func lengthsFollowTheNetwork() {
        // 16 digits that pass Luhn: a card number for Visa and Mastercard, not for Amex (15 only).
        #expect(PANDetector.containsCardNumber(PANSamples.luhn("411111111111111")))
        #expect(PANDetector.containsCardNumber(PANSamples.luhn("511111111111111")))
        #expect(!PANDetector.containsCardNumber(PANSamples.luhn("371111111111111")))
        #expect(!PANDetector.containsCardNumber(PANSamples.luhn("51111111111111")))  // Mastercard, 15 digits
        #expect(PANDetector.containsCardNumber("0" + PANSamples.luhn("411111111111")))  // a 13-digit Visa inside 14 digits
    }

    // MARK: fields with their own long-number format

    @Test func ownFormatFieldsKeepTheirOwnValidation() {
        // Valid values are exempt even when they look like card numbers…
        let arnWithPAN = PANSamples.luhn("7" + PANSamples.visa + "00000")
        #expect(PANDetector.containsCardNumber(arnWithPAN) && Identifier.isValidARN(arnWithPAN))
        #expect(rejection(Self.capture(arn: arnWithPAN, visaTransactionId: PANSamples.amex)) == nil)
        let bind = #"{"type":"BindCard","commandId":"c2","bindingId":"C1","partyId":"B1","token":"\#(PANSamples.visa)","panLast4":"1111","expiry":"12/28"}"#
        #expect(rejection(bind) == nil)
        // A wrong ARN check digit is the ARN's own error, still without the value.
        let badARN = String(arnWithPAN.dropLast()) + String((Int(String(arnWithPAN.last!))! + 1) % 10)
        expectWithheld(rejection(Self.capture(arn: badARN)), Hostile(text: badARN, pan: PANSamples.visa), code: "invalid_field", field: "arn")
        // …but only in their own command and shape.
        let sample = Hostile(text: PANSamples.visa, pan: PANSamples.visa)
        expectWithheld(rejection(Self.capture(visaTransactionId: PANSamples.visa)), sample, field: "visaTransactionId")
        expectWithheld(rejection(Self.capture(arn: PANSamples.visa)), sample, field: "arn")
        expectWithheld(rejection(Self.creditNote(extra: #","token":""# + PANSamples.visa + #"""#)), sample, field: "token")
        let arnSample = Hostile(text: arnWithPAN, pan: PANSamples.visa)
        expectWithheld(rejection(Self.creditNote(extra: #","arn":""# + arnWithPAN + #"""#)), arnSample, field: "arn")
        #expect(Set(PANGuard.ownFormatFields.map { "\($0.command).\($0.key)" })
                == ["CaptureCardPayment.arn", "RefundCardPayment.arn", "CaptureCardPayment.visaTransactionId", "BindCard.token"])
    }
}
