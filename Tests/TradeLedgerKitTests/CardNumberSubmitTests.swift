import EventStore
import Foundation
import LedgerDomain
import LibPQ
import TestSupport
import Testing
import TradeLedgerKit

/// Card numbers sent to the real `tradeledger submit`: every such command is rejected, naming the
/// field, nothing of it is appended, and neither stdout nor stderr shows any of the numbers.
@Suite("Card numbers at submit") struct CardNumberSubmitTests {
    struct Case {
        var line: String
        /// The value as sent (written out in the line, perhaps with separators or other digits).
        var value: String
        /// The card number's ASCII digits.
        var pan: String
        var code: String
        var field: String?
    }

    static let cases: [Case] = [
        Case(line: #"{"type":"IssueCreditNote","commandId":"k1","creditNoteId":"CN1","invoiceId":"I1","amount":"1","reason":"card 4111 1111 1111 1111 12/25"}"#,
             value: "4111 1111 1111 1111", pan: "4111111111111111", code: "pan_detected", field: "reason"),
        Case(line: #"{"type":"RegisterParty","commandId":"k2","partyId":"4111111111111111","name":"B","kind":"smb","roles":["buyer"],"country":"HK"}"#,
             value: "4111111111111111", pan: "4111111111111111", code: "pan_detected", field: "partyId"),
        Case(line: #"{"type":"RegisterParty","commandId":"k3","partyId":"B9","name":"４１１１１１１１１１１１１１１１","kind":"smb","roles":["buyer"],"country":"HK"}"#,
             value: "４１１１１１１１１１１１１１１１", pan: "4111111111111111", code: "pan_detected", field: "name"),
        Case(line: #"{"type":"IssueInvoice","commandId":"k4","invoiceId":"I1","sellerId":"M1","buyerId":"B1","currency":"HKD","lines":[{"description":"qty 2 5555555555554444","quantity":1,"unitPrice":"1"}],"issueDate":"2026-05-10","dueDate":"2026-05-31"}"#,
             value: "5555555555554444", pan: "5555555555554444", code: "pan_detected", field: "lines[0].description"),
        Case(line: #"{"type":"IssueInvoice","commandId":"k5","invoiceId":"INV-5555-5555-5555-4444","sellerId":"M1","buyerId":"B1","currency":"HKD","lines":[{"description":"W","quantity":1,"unitPrice":"1"}],"issueDate":"2026-05-10","dueDate":"2026-05-31"}"#,
             value: "5555-5555-5555-4444", pan: "5555555555554444", code: "pan_detected", field: "invoiceId"),
        Case(line: "{\"type\":\"RecordBankTransfer\",\"commandId\":\"k6\",\"paymentId\":\"P1\",\"invoiceId\":\"I1\",\"amount\":\"1\",\"currency\":\"HKD\",\"bankReference\":\"6200\u{00A0}0000\u{00A0}0000\u{00A0}0005\"}",
             value: "6200\u{00A0}0000\u{00A0}0000\u{00A0}0005", pan: "6200000000000005", code: "pan_detected", field: "bankReference"),
        Case(line: #"{"type":"IssueCreditNote","commandId":"k7","creditNoteId":"CN1","invoiceId":"I1","amount":"1","reason":"x","378282246310005":"x"}"#,
             value: "378282246310005", pan: "378282246310005", code: "pan_detected", field: "<key #7>"),
        Case(line: #"{"type":"IssueInvoice","commandId":"k8","invoiceId":"I1","sellerId":"M1","buyerId":"B1","currency":"HKD","lines":[{"description":"W","quantity":1,"unitPrice":"1","4111.1111.1111.1111":1}],"issueDate":"2026-05-10","dueDate":"2026-05-31"}"#,
             value: "4111.1111.1111.1111", pan: "4111111111111111", code: "pan_detected", field: "lines[0].<key #4>"),
        Case(line: #"{"type":"RegisterParty","commandId":"k9","partyId":"B9","name":"B","kind":"smb","roles":["buyer","3530111333300000"],"country":"HK"}"#,
             value: "3530111333300000", pan: "3530111333300000", code: "pan_detected", field: "roles[1]"),
        Case(line: #"{"type":"IssueInvoice","commandId":"k10","invoiceId":"I1","sellerId":"M1","buyerId":"B1","currency":"HKD","lines":[{"description":"W","quantity":4111111111111111,"unitPrice":"1"}],"issueDate":"2026-05-10","dueDate":"2026-05-31"}"#,
             value: "4111111111111111", pan: "4111111111111111", code: "pan_detected", field: "lines[0].quantity"),
        Case(line: #"{"type":"CaptureCardPayment","commandId":"k11","paymentId":"P1","invoiceId":"I1","bindingId":"BND1","amount":"1","currency":"HKD","arn":"74123456135000000000009","authCode":"A1B2C3","visaTransactionId":"4111111111111111"}"#,
             value: "4111111111111111", pan: "4111111111111111", code: "pan_detected", field: "visaTransactionId"),
        Case(line: #"{"type":"IssueCreditNote","commandId":"c-4111111111111111","creditNoteId":"CN1","invoiceId":"I1","amount":"1","reason":"x"}"#,
             value: "c-4111111111111111", pan: "4111111111111111", code: "pan_detected", field: "commandId"),
        Case(line: #"{"type":"BindCard","commandId":"k13","bindingId":"BND9","partyId":"B1","token":"4000000000000001","panLast4":"0001","expiry":"12/29","tokenRequestorId":"4111_1111_1111_1111"}"#,
             value: "4111_1111_1111_1111", pan: "4111111111111111", code: "pan_detected", field: "tokenRequestorId"),
        Case(line: #"{"type":"ResolveException","commandId":"k14","exceptionId":"E1","resolution":"accept","note":"00004111111111111111999"}"#,
             value: "00004111111111111111999", pan: "4111111111111111", code: "pan_detected", field: "note"),
        Case(line: "{\"type\":\"RecordFxRate\",\"commandId\":\"k15\",\"base\":\"HKD\",\"quote\":\"CNY\",\"rate\":\"0.92\",\"asOf\":\"2026-05-15T01:00:00Z\",\"source\":\"Bank 6011\u{3000}1111\u{3000}1111\u{3000}1117\"}",
             value: "6011\u{3000}1111\u{3000}1111\u{3000}1117", pan: "6011111111111117", code: "pan_detected", field: "source"),
        Case(line: #"{"type":"4111111111111111","commandId":"k16"}"#,
             value: "4111111111111111", pan: "4111111111111111", code: "pan_detected", field: "type"),
        Case(line: #"{"type":"IssueCreditNote","commandId":"k17","reason":"4111111111111111""#,
             value: "4111111111111111", pan: "4111111111111111", code: "malformed_json", field: nil),
        Case(line: #"{"type":"IssueCreditNote","4111111111111111":1,"4111111111111111":2}"#,
             value: "4111111111111111", pan: "4111111111111111", code: "malformed_json", field: nil),
        Case(line: #"{"type":"IssueCreditNote","commandId":"k19","creditNoteId":"CN1","invoiceId":"I1","amount":"1","reason":"x","00000000000000001":1}"#,
             value: "00000000000000001", pan: "00000000000000001", code: "unknown_field", field: "<key #7>"),
    ]

    static func expectNothingShown(_ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for sample in cases {
            #expect(!text.contains(sample.value), "\(what) shows a value of line \(sample.line.prefix(40))…", sourceLocation: sourceLocation)
            #expect(!text.contains(sample.pan), "\(what) shows a card number", sourceLocation: sourceLocation)
        }
        for line in text.split(separator: "\n") {
            #expect(!PANDetector.containsCardNumber(String(line)), "\(what) holds a card number", sourceLocation: sourceLocation)
        }
    }

    @Test("submit rejects each command holding a card number, naming the field; nothing appended, nothing printed")
    func rejectedAndNeverShown() throws {
        #expect(FileManager.default.isExecutableFile(atPath: SubmitProcessTests.binary), "build the CLI first (swift build)")
        try TestDatabase.with { url in
            let valid = Cmd.party("B1", seller: false, country: "HK", n: "ok1")
            let path = SubmitProcessTests.write(Self.cases.map(\.line) + [valid])
            defer { try? FileManager.default.removeItem(atPath: path) }

            let json = try CLIProcess.run(["submit", "--database-url", url, "--dev-token-key", "--json", path])
            #expect(json.status == 1, "\(json.err)")
            Self.expectNothingShown(json.out, "stdout")
            Self.expectNothingShown(json.err, "stderr")
            let results = json.out.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
            #expect(results.count == Self.cases.count + 1)
            for (sample, result) in zip(Self.cases, results) {
                let error = result["error"] as? [String: Any]
                #expect(result["status"] as? String == "rejected")
                #expect(result["commandId"] is NSNull, "a rejected command's id is not echoed")
                #expect(error?["code"] as? String == sample.code, "\(sample.line)")
                #expect(error?["field"] as? String == sample.field, "\(sample.line)")
            }
            #expect(results.last?["status"] as? String == "accepted")

            let text = try CLIProcess.run(["submit", "--database-url", url, "--dev-token-key", path])
            #expect(text.status == 1)
            #expect(text.out.split(separator: "\n").count == Self.cases.count)
            Self.expectNothingShown(text.out, "stdout")
            Self.expectNothingShown(text.err, "stderr")

            // Only the valid command was appended, once.
            let store = try openStore(url)
            #expect(try store.head().seq == 1)
            let commands = try store.connection.execute("SELECT count(*) FROM ledger.commands").int64(0, 0)
            #expect(commands == 1)
            let bodies = try store.connection.execute("SELECT convert_from(body, 'UTF8') FROM ledger.events")
            for row in 0..<bodies.rowCount { Self.expectNothingShown(try bodies.string(row, 0), "an event") }
        }
    }
}
