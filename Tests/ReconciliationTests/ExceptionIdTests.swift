import LedgerDomain
import Money
import Reconciliation
import Testing

/// Exception ids never look like a card number to the PAN guard.
@Suite("Exception ids")
struct ExceptionIdTests {
    @Test("a line exception id never holds a card-number-shaped digit run, even for a file id that starts with 16 digits")
    func exceptionIdHasNoDigitRun() {
        // A file id whose first 16 hex digits are a Luhn-valid Visa number, and random ones.
        let card = "4111111111111111" + String(repeating: "0", count: 48)
        #expect(PANDetector.containsCardNumber("\(card.prefix(16))-7"))
        let id = ExceptionSpec.Id.line(fileId: card, record: 7)
        #expect(id == "khhhhhhhhhhhhhhh-7")
        #expect(!PANDetector.containsCardNumber(id))
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let fileId = (0..<64).map { _ in String(Int.random(in: 0..<16, using: &rng), radix: 16) }.joined()
            let lineId = ExceptionSpec.Id.line(fileId: fileId, record: Int64.random(in: 1...9_999_999, using: &rng))
            #expect(!PANDetector.containsCardNumber(lineId), "\(lineId)")
            #expect(!PANDetector.containsCardNumber(ExceptionSpec.Id.net(fileId: fileId, currency: .usd)))
        }
    }

    /// missing_in_file ids: one per item. A refund id is unique within its payment only, and ids
    /// may hold `-` (a separator inside a card number to the guard), so pairs that read alike
    /// joined by `-` must still get different ids, none the guard refuses, none raised before
    /// schema/020 (`MIF-R-{refund}`, and `MIF-C-{payment}` cut at 64 characters).
    @Test("a missing_in_file id is a valid id, one per (kind, payment, item), never card-like, never an id of before schema/020")
    func missingInFileIdsNeverCollide() {
        func id(_ kind: LedgerItem.Kind, _ payment: String, _ item: String) -> String {
            ExceptionSpec.Id.missingInFile(LedgerItem.Key(kind: kind, paymentId: payment, itemId: item))
        }
        #expect(id(.capture, "PAY7", "PAY7") == "MIF-C-PAY7")
        #expect(id(.refund, "PAY7", "RF1") == "MIF-RF-PAY7-RRF1-L4")
        #expect(id(.refund, "PAY-1", "RF") != id(.refund, "PAY", "1-RF"))
        // Each id alone passes the guard; joined by "-" they would read 4111 1111 1111 1111.
        #expect(PANDetector.containsCardNumber("P411111-1111111111"))
        #expect(!PANDetector.containsCardNumber(id(.refund, "P411111", "1111111111")))
        let p57 = String(repeating: "P", count: 57), p58 = String(repeating: "P", count: 58)
        #expect(id(.capture, p57, p57) == "MIF-C-" + p57)
        #expect(id(.capture, p58, p58).hasPrefix("MIF-CH-"), "58: the body of an id cut at 64 before schema/020")
        let long = String(repeating: "P", count: 60)
        #expect(id(.capture, long + "0001", long + "0001") != id(.capture, long + "0002", long + "0002"), "cut at 64 before schema/020")
        // Every pair over a small alphabet that includes the separator and the letters the form
        // uses: no two share an id, and none is an id of before schema/020.
        let parts = ["A", "B", "-", "A-", "-B", "A-B", "1", "L1", "-L1", "A-L1", "R", "-R", "RA-L1", "F-A", p57, p58,
                     String(repeating: "Z", count: 64)]
        var before: Set<String> = []
        for part in parts {
            before.insert("MIF-R-\(part)".prefix(64).description)
            before.insert("MIF-C-\(part)".prefix(64).description)
        }
        var seen: [String: String] = [:]
        var pairs = 0
        for kind in [LedgerItem.Kind.capture, .refund] {
            for payment in parts {
                for item in (kind == .capture ? [payment] : parts) {
                    pairs += 1
                    let made = id(kind, payment, item)
                    #expect(Identifier.isValidId(made), "\(made)")
                    #expect(!PANDetector.containsCardNumber(made))
                    let owner = "\(kind) \(payment) \(item)"
                    #expect(seen[made] == nil, "\(made): \(owner) and \(seen[made] ?? "")")
                    if kind == .refund || payment.utf8.count > 57 { #expect(!before.contains(made), "\(made)") }
                    seen[made] = owner
                }
            }
        }
        #expect(seen.count == pairs)
    }
}
