import Testing
@testable import LedgerDomain

@Suite struct PANGuardTests {
    static let pan = "4111111111111111"

    func rejection(_ text: String) -> CommandRejection? {
        do {
            _ = try CommandDecoder.decode(Array(text.utf8), tokenKey: TestLedger.tokenKey)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: ["pan", "cardNumber", "accountNumber", "card_number", "PAN", "AccountNumber"])
    func refusesForbiddenFieldNamesAnywhere(_ name: String) {
        let text = #"{"type":"IssueCreditNote","commandId":"c9","creditNoteId":"CN1","invoiceId":"INV-1","amount":"1","reason":"x","\#(name)":"\#(Self.pan)"}"#
        let error = rejection(text)
        #expect(error?.code == "pan_detected")
        #expect(error?.field == name)
        #expect(!(error?.message.contains(Self.pan) ?? true))
        let nested = #"{"type":"IssueInvoice","commandId":"c5","lines":[{"\#(name)":"x"}]}"#
        #expect(rejection(nested)?.field == "lines[0].\(name)")
    }

    @Test(arguments: ["4111111111111111", "card 4111 1111 1111 1111 thanks", "4111-1111-1111-1111", "ref:378282246310005",
                      "ref 41111111111111110000"])
    func refusesLuhnValidNumbersInFreeText(_ reason: String) {
        let text = #"{"type":"IssueCreditNote","commandId":"c9","creditNoteId":"CN1","invoiceId":"INV-1","amount":"1","reason":"\#(reason)"}"#
        let error = rejection(text)
        #expect(error?.code == "pan_detected")
        #expect(error?.field == "reason")
        let digits = reason.filter(\.isNumber)
        #expect(!(error?.message.contains(digits) ?? true))
        #expect(!(error?.message.contains(reason) ?? true))
    }

    /// The guard reads what the JSON says, not how it is written: a card number spelt with
    /// escapes, in a value, a key, a forbidden field name or an array, is found all the same.
    @Test func findsCardNumbersWrittenWithEscapes() {
        let escapedPAN = #"\u0034111\u0031111111111111"#
        let base = #"{"type":"IssueCreditNote","commandId":"c9","creditNoteId":"CN1","invoiceId":"INV-1","amount":"1","#
        let value = rejection(base + #""reason":"card \#(escapedPAN)"}"#)
        #expect(value?.code == "pan_detected" && value?.field == "reason")
        let key = rejection(base + #""reason":"x","n\#(escapedPAN)":1}"#)
        #expect(key?.code == "pan_detected" && key?.field == "<key #7>")
        let name = rejection(base + #""reason":"x","\u0070an":"1"}"#)
        #expect(name?.code == "pan_detected" && name?.field == "pan")
        let nested = rejection(#"{"type":"IssueInvoice","commandId":"c5","lines":[{"description":"\#(escapedPAN)"}]}"#)
        #expect(nested?.code == "pan_detected" && nested?.field == "lines[0].description")
        for error in [value, key, name, nested] { #expect(!(error?.message.contains(Self.pan) ?? true)) }
    }

    @Test(arguments: ["order 4111111111111112", "invoice 12345", "2026-05-15"])
    func allowsOtherNumbers(_ reason: String) {
        let text = #"{"type":"IssueCreditNote","commandId":"c9","creditNoteId":"CN1","invoiceId":"INV-1","amount":"1","reason":"\#(reason)"}"#
        #expect(rejection(text) == nil)
    }

    @Test func invoiceLineDescriptionsAndPartyNamesAreScanned() {
        let line = #"{"type":"IssueInvoice","commandId":"c5","invoiceId":"I","sellerId":"S1","buyerId":"B1","currency":"HKD","lines":[{"description":"paid with \#(Self.pan)","quantity":1,"unitPrice":"1"}],"issueDate":"2026-05-15","dueDate":"2026-06-14"}"#
        #expect(rejection(line)?.field == "lines[0].description")
        let name = #"{"type":"RegisterParty","commandId":"c1","partyId":"B1","name":"\#(Self.pan)","kind":"smb","roles":["buyer"],"country":"HK"}"#
        #expect(rejection(name)?.field == "name")
    }

    @Test func invalidValuesWithManyDigitsAreNotEchoed() {
        let text = #"{"type":"RegisterParty","commandId":"c1","partyId":"4111 1111 1111 1111","name":"B","kind":"smb","roles":["buyer"],"country":"HK"}"#
        let error = rejection(text)
        #expect(error?.field == "partyId")
        #expect(!(error?.message.contains("4111") ?? true))
    }
}
