import Testing
import Crypto
import Money
@testable import LedgerDomain

@Suite struct CommandDecoderTests {
    let key = TestLedger.tokenKey

    func decode(_ text: String) throws(CommandRejection) -> CommandEnvelope {
        try CommandDecoder.decode(Array(text.utf8), tokenKey: key)
    }

    func rejection(_ text: String) -> CommandRejection? {
        do {
            _ = try decode(text)
            return nil
        } catch {
            return error
        }
    }

    static let arn = World.arn(1)

    static let validCommands: [String] = [
        #"{"type":"RegisterParty","commandId":"c1","partyId":"S1","name":"Shenzhen Widgets","kind":"enterprise","roles":["seller","buyer"],"country":"CN","settlementCurrency":"CNY","commissionBps":250}"#,
        #"{"type":"BindCard","commandId":"c2","bindingId":"C1","partyId":"B1","token":"4895370012345678","panLast4":"1234","expiry":"12/28","tokenRequestorId":"40010030273"}"#,
        #"{"type":"LaunchSubsidyProgram","commandId":"c3","programId":"P1","funderId":"VISA","currency":"HKD","budget":"100000","rateBps":300,"capPerPayment":"50","minSpend":"100.00","buyerCountries":["HK","MO"],"sellerKinds":["smb"],"validFrom":"2026-05-01","validTo":"2026-05-31"}"#,
        #"{"type":"RecordFxRate","commandId":"c4","base":"HKD","quote":"CNY","rate":"0.9234","asOf":"2026-05-15T10:00:00+08:00","source":"ECB"}"#,
        #"{"type":"IssueInvoice","commandId":"c5","invoiceId":"INV-1","sellerId":"S1","buyerId":"B1","currency":"HKD","lines":[{"description":"Widgets","quantity":3,"unitPrice":"12.5"}],"issueDate":"2026-05-15","dueDate":"2026-06-14"}"#,
        #"{"type":"CaptureCardPayment","commandId":"c6","paymentId":"PAY-1","invoiceId":"INV-1","bindingId":"C1","amount":"37.50","currency":"HKD","arn":"\#(arn)","authCode":"A1B2C3","visaTransactionId":"123456789012345","at":"2026-05-15T10:00:00Z"}"#,
        #"{"type":"RecordBankTransfer","commandId":"c7","paymentId":"PAY-2","invoiceId":"INV-1","amount":"10","currency":"HKD","bankReference":"HSBC 123-456"}"#,
        #"{"type":"RefundCardPayment","commandId":"c8","refundId":"R1","paymentId":"PAY-1","amount":"5.5","arn":"\#(arn)"}"#,
        #"{"type":"IssueCreditNote","commandId":"c9","creditNoteId":"CN1","invoiceId":"INV-1","amount":"1.00","reason":"damaged"}"#,
        #"{"type":"ResolveException","commandId":"c10","exceptionId":"E1","resolution":"adjust","note":"fixed","amount":"2.00"}"#,
    ]

    @Test(arguments: validCommands)
    func decodesEveryCommandType(_ text: String) throws {
        let envelope = try decode(text)
        #expect(envelope.requestHash.count == 32)
        // The NDJSON form written back decodes to the same command and hash.
        let again = try CommandDecoder.decode(envelope.commandJSON(), tokenKey: key)
        #expect(again == envelope)
    }

    @Test func decodesFieldsExactly() throws {
        let envelope = try decode(Self.validCommands[5])
        guard case .captureCardPayment(let capture) = envelope.command else {
            Issue.record("wrong command")
            return
        }
        #expect(capture.amount == Amount(minorUnits: 3750, currency: .hkd))
        #expect(envelope.at == (try Timestamp(rfc3339: "2026-05-15T10:00:00Z")))
        #expect(envelope.commandId == "c6")
    }

    @Test func requestHashIgnoresLayoutAndKeyOrderButNotContent() throws {
        let a = try decode(#"{"type":"IssueCreditNote","commandId":"c9","creditNoteId":"CN1","invoiceId":"INV-1","amount":"1.00","reason":"damaged"}"#)
        let b = try decode("{ \"reason\" : \"damaged\",\n \"amount\":\"1\", \"invoiceId\":\"INV-1\",\"creditNoteId\":\"CN1\",\"commandId\":\"c9\",\"type\":\"IssueCreditNote\"}")
        let c = try decode(#"{"type":"IssueCreditNote","commandId":"c9","creditNoteId":"CN1","invoiceId":"INV-1","amount":"1.01","reason":"damaged"}"#)
        #expect(a.requestHash == b.requestHash)
        #expect(a.requestHash != c.requestHash)
    }

    /// The request hash is stored with every command, so its bytes must never move: the builder
    /// sorts its literal keys in place and writes them, and that is byte for byte the tree's
    /// canonical form of the same members (keys as strings, sorted and written as parsed JSON is).
    @Test(arguments: validCommands)
    func canonicalCommandBytesAreTheTreesCanonicalForm(_ text: String) throws {
        let envelope = try decode(text)
        var builder = JSONObjectBuilder()
        builder.add("type", envelope.command.typeName)
        builder.add("commandId", envelope.commandId)
        if let at = envelope.at { builder.add("at", at) }
        var tokenRef: String? = nil
        if case .bindCard(let bind) = envelope.command { tokenRef = TokenRef.make(token: bind.token, key: key) }
        envelope.command.addMembers(to: &builder, tokenRef: tokenRef)
        let tree = builder.value.canonicalJSON()
        #expect(builder.canonicalJSON() == tree)
        #expect(envelope.canonicalJSON(tokenKey: key) == tree)
        #expect(envelope.requestHash == Array(SHA256.hash(data: tree)))
    }

    @Test func canonicalCommandJSONIsPinned() throws {
        let envelope = try decode(Self.validCommands[4])
        #expect(String(decoding: envelope.canonicalJSON(), as: UTF8.self)
                == #"{"buyerId":"B1","commandId":"c5","currency":"HKD","dueDate":"2026-06-14","invoiceId":"INV-1","issueDate":"2026-05-15","lines":[{"description":"Widgets","quantity":3,"unitPrice":"12.50"}],"sellerId":"S1","type":"IssueInvoice"}"#)
    }

    @Test func bindCardHashCoversTheTokenRefNotTheToken() throws {
        let envelope = try decode(Self.validCommands[1])
        let canonical = String(decoding: envelope.canonicalJSON(tokenKey: key), as: UTF8.self)
        #expect(!canonical.contains("4895370012345678"))
        #expect(canonical.contains(TokenRef.make(token: "4895370012345678", key: key)))
        let other = try decode(Self.validCommands[1].replacingOccurrences(of: "4895370012345678", with: "4895370012345679"))
        #expect(other.requestHash != envelope.requestHash)
        #expect(!"\(envelope.command)".contains("4895370012345678"))
    }

    @Test func bindCardWithoutATokenKeyIsRejected() {
        do {
            _ = try CommandDecoder.decode(Array(Self.validCommands[1].utf8))
            Issue.record("accepted")
        } catch {
            #expect(error.code == "token_key_missing")
            #expect(!error.message.contains("4895370012345678"))
        }
    }

    @Test func malformedJSONReportsTheColumn() {
        let error = rejection(#"{"type":"RegisterParty","commandId":"c1",}"#)
        #expect(error?.code == "malformed_json")
        #expect(error?.column == 42)
        #expect(rejection("[1]")?.code == "malformed_json")
    }

    /// The reader keeps the first 64 members' read marks as bits and any further ones in an
    /// array: whichever members are left unread, `finish` names the first of them.
    @Test func readerFindsTheFirstUnreadMemberOnEitherSideOf64() throws {
        let text = "{" + (0..<100).map { "\"k\(String(format: "%03d", $0))\":\($0)" }.joined(separator: ",") + "}"
        let document = try JSONDocument(parsing: Array(text.utf8))
        for unread in [0, 1, 62, 63, 64, 65, 98, 99] {
            var reader = FieldReader(document, context: "Test")
            for i in 0..<100 where i != unread { var key = String(format: "k%03d", i); _ = key.withUTF8 { reader.take(utf8: $0) } }
            #expect(throws: FieldProblem.self) { try reader.finish() }
            do { try reader.finish() } catch { #expect(error.field == String(format: "k%03d", unread)) }
        }
        var all = FieldReader(document, context: "Test")
        for i in (0..<100).reversed() { var key = String(format: "k%03d", i); _ = key.withUTF8 { all.take(utf8: $0) } }
        #expect(throws: Never.self) { try all.finish() }
    }

    @Test func namesMissingUnknownAndMistypedFields() {
        let missing = rejection(#"{"type":"IssueCreditNote","commandId":"c9","creditNoteId":"CN1","invoiceId":"INV-1","reason":"x"}"#)
        #expect(missing == CommandRejection(code: "missing_field", field: "amount", message: "IssueCreditNote.amount is missing"))
        let unknown = rejection(#"{"type":"IssueCreditNote","commandId":"c9","creditNoteId":"CN1","invoiceId":"INV-1","amount":"1","reason":"x","colour":"red"}"#)
        #expect(unknown == CommandRejection(code: "unknown_field", field: "colour", message: "IssueCreditNote.colour is not a known field"))
        let mistyped = rejection(#"{"type":"IssueCreditNote","commandId":"c9","creditNoteId":"CN1","invoiceId":"INV-1","amount":1,"reason":"x"}"#)
        #expect(mistyped?.code == "invalid_field")
        #expect(mistyped?.field == "amount")
        let unknownType = rejection(#"{"type":"PayEverything","commandId":"c9"}"#)
        #expect(unknownType?.code == "unknown_type")
        let lineField = rejection(#"{"type":"IssueInvoice","commandId":"c5","invoiceId":"INV-1","sellerId":"S1","buyerId":"B1","currency":"HKD","lines":[{"description":"W","quantity":0,"unitPrice":"1"}],"issueDate":"2026-05-15","dueDate":"2026-06-14"}"#)
        #expect(lineField?.field == "lines[0].quantity")
        #expect(lineField?.message == #"IssueInvoice.lines[0].quantity "0": must be between 1 and 1000000000000"#)
    }

    @Test func amountErrorsNameTheFieldValueAndProblem() {
        let text = Self.validCommands[5].replacingOccurrences(of: #""37.50""#, with: #""12.345""#)
        #expect(rejection(text) == CommandRejection(code: "invalid_field", field: "amount",
                                                     message: #"CaptureCardPayment.amount "12.345": HKD has 2 decimal places"#))
        let negative = Self.validCommands[5].replacingOccurrences(of: #""37.50""#, with: #""-1.00""#)
        #expect(rejection(negative)?.message == #"CaptureCardPayment.amount "-1.00": a negative amount is not allowed here"#)
        let zero = Self.validCommands[5].replacingOccurrences(of: #""37.50""#, with: #""0.00""#)
        #expect(rejection(zero)?.message == #"CaptureCardPayment.amount "0.00": must be greater than zero"#)
        let jpy = Self.validCommands[4].replacingOccurrences(of: "HKD", with: "JPY").replacingOccurrences(of: "12.5", with: "1500.5")
        #expect(rejection(jpy)?.message == #"IssueInvoice.lines[0].unitPrice "1500.5": JPY has 0 decimal places"#)
    }

    @Test func validatesCardNetworkFields() {
        let badArn = Self.validCommands[5].replacingOccurrences(of: Self.arn, with: String(Self.arn.dropLast()) + "0")
        #expect(Identifier.isValidARN(Self.arn))
        if !Identifier.isValidARN(String(Self.arn.dropLast()) + "0") {
            #expect(rejection(badArn)?.field == "arn")
        }
        let badAuth = Self.validCommands[5].replacingOccurrences(of: "A1B2C3", with: "A1B2C")
        #expect(rejection(badAuth)?.field == "authCode")
        let badVisa = Self.validCommands[5].replacingOccurrences(of: "123456789012345", with: "12345678901234")
        #expect(rejection(badVisa)?.field == "visaTransactionId")
        let badExpiry = Self.validCommands[1].replacingOccurrences(of: "12/28", with: "13/28")
        #expect(rejection(badExpiry)?.field == "expiry")
    }

    @Test func sellersNeedSettlementCurrencyAndCommission() {
        let text = #"{"type":"RegisterParty","commandId":"c1","partyId":"S1","name":"S","kind":"smb","roles":["seller"],"country":"CN"}"#
        #expect(rejection(text)?.field == "settlementCurrency")
        let buyer = #"{"type":"RegisterParty","commandId":"c1","partyId":"B1","name":"B","kind":"smb","roles":["buyer"],"country":"HK","commissionBps":5}"#
        #expect(rejection(buyer)?.field == "commissionBps")
        let badId = #"{"type":"RegisterParty","commandId":"c1","partyId":"B 1","name":"B","kind":"smb","roles":["buyer"],"country":"HK"}"#
        #expect(rejection(badId)?.field == "partyId")
        let badCountry = #"{"type":"RegisterParty","commandId":"c1","partyId":"B1","name":"B","kind":"smb","roles":["buyer"],"country":"hk"}"#
        #expect(rejection(badCountry)?.field == "country")
    }
}
