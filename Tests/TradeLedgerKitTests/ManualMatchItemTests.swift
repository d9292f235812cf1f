import Foundation
import LedgerDomain
import LibPQ
import Money
import Reconciliation
import TestSupport
import Testing
import TradeLedgerKit

/// A missing_in_file exception is about one ledger item (a capture, or a refund of a payment), so
/// `match` pairs it with that item only. Before this, `match MIF-C-PAY1 --payment PAY2` resolved
/// PAY1's exception by confirming PAY2's presentment (PAY2 marked matched, PAY1 left unmatched
/// with its exception closed), and a refund's missing_in_file was "matched" with its payment's
/// capture: the capture marked matched and clearing → settlement booked in a capture's direction
/// for money Visa paid back the other way.
@Suite("reconcile: manual match of a missing_in_file pairs its own item", .serialized)
struct ManualMatchItemTests {
    /// PAY1 and PAY2 of 100.00 HKD, RF1 refunds all of PAY1; a file that presents none of them
    /// (one unrelated purchase), reconciled with no grace days: four missing_in_file exceptions.
    static func ledger(_ url: String) throws {
        var lines = Cmd.setup
        for (i, p) in ["PAY1", "PAY2"].enumerated() {
            lines.append(Cmd.invoice("INV\(i + 1)", price: "100.00", at: "2026-05-01T00:00:00Z", n: "i\(i + 1)"))
            lines.append(Recon.capture(p, invoice: "INV\(i + 1)", amount: "100.00", arnN: i + 1, auth: "AUTH0\(i + 1)",
                                       at: ReconcileTests.at, n: "c\(i + 1)"))
        }
        lines.append(Recon.refund("RF1", payment: "PAY1", amount: "100.00", arnN: 50, at: ReconcileTests.at, n: "r1"))
        #expect(try submit(url, lines.joined(separator: "\n")).allSatisfy { $0.status == .accepted })
        let (path, _) = Recon.file([.draft(Recon.draft(.purchase, arnN: 99, source: (10_000, .hkd)))])
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try Recon.reconcile(url, path, graceDays: 0)
    }

    static func matches(_ url: String) throws -> [String] {
        let r = try PGConnection(url).execute("SELECT kind, payment_id, item_id, coalesce(exception_id, '∅') FROM recon.matches ORDER BY 1, 2, 3")
        return try (0..<r.rowCount).map { row in try (0..<4).map { try r.string(row, $0) }.joined(separator: "|") }
    }

    @Test("a missing_in_file is refused with any item but its own, and appends nothing")
    func otherItemsAreRefused() throws {
        try TestDatabase.with { url in
            try Self.ledger(url)
            let service = ExceptionService(store: try openStore(url))
            let open = try service.list(.init(openOnly: true, kind: "missing_in_file")).map(\.exceptionId).sorted()
            #expect(open == ["MIF-C-PAY1", "MIF-C-PAY2", "MIF-RF-PAY1-RRF1-L4"])
            let head = try Recon.head(url)
            let before = try Self.matches(url)
            for (exceptionId, payment) in [("MIF-C-PAY1", "PAY2"), ("MIF-C-PAY2", "PAY1"), ("MIF-RF-PAY1-RRF1-L4", "PAY2")] {
                #expect(throws: AppError.self, "\(exceptionId) with \(payment)") {
                    try service.match(exceptionId: exceptionId, paymentId: payment, note: "seen on the Visa portal")
                }
            }
            #expect(try Recon.head(url) == head, "nothing appended")
            #expect(try Self.matches(url) == before, "nothing matched")
            #expect(try service.list(.init(openOnly: true, kind: "missing_in_file")).count == 3)
        }
    }

    @Test("an exception id, payment or refund that looks like a card number is refused without being echoed")
    func cardNumberArgumentsAreNotEchoed() throws {
        try TestDatabase.with { url in
            try Self.ledger(url)
            let service = ExceptionService(store: try openStore(url))
            let head = try Recon.head(url)
            let card = "4111111111111111"
            for (exceptionId, payment, refund) in [(card, "PAY1", nil), ("MIF-C-PAY1", card, nil), ("MIF-RF-PAY1-RRF1-L4", "PAY1", card)] {
                do {
                    _ = try service.match(exceptionId: exceptionId, paymentId: payment, refundId: refund, note: "seen on the Visa portal")
                    Issue.record("accepted \(exceptionId) \(payment) \(refund ?? "-")")
                } catch let error as AppError {
                    #expect(!error.message.contains("4111") && !PANDetector.containsCardNumber(error.description), "\(error.message)")
                }
            }
            #expect(try Recon.head(url) == head, "nothing appended")
        }
    }

    @Test("a refund's missing_in_file matched by hand marks the refund, not the capture, and books settlement → clearing")
    func refundMatchesItsRefund() throws {
        try TestDatabase.with { url in
            try Self.ledger(url)
            let service = ExceptionService(store: try openStore(url))
            let before = try Recon.balances(url)
            _ = try service.match(exceptionId: "MIF-RF-PAY1-RRF1-L4", paymentId: "PAY1", note: "seen on the Visa portal")
            #expect(try Self.matches(url) == ["refund|PAY1|RF1|MIF-RF-PAY1-RRF1-L4"])
            let after = try Recon.balances(url)
            func moved(_ account: String) -> Int64 { ReconcileBookingTests.moved(before, after, account) }
            #expect(moved("scheme/visa/settlement") == -10_000 && moved("scheme/visa/clearing") == 10_000)
            try ReconcileBookingTests.expectBalanced(url, after)

            _ = try service.match(exceptionId: "MIF-C-PAY1", paymentId: "PAY1", note: "seen on the Visa portal")
            #expect(try Self.matches(url) == ["capture|PAY1|PAY1|MIF-C-PAY1", "refund|PAY1|RF1|MIF-RF-PAY1-RRF1-L4"])
            let last = try Recon.balances(url)
            #expect(ReconcileBookingTests.bal(last, "scheme/visa/settlement", "HKD") == ReconcileBookingTests.bal(before, "scheme/visa/settlement", "HKD"))
            #expect(try service.list(.init(openOnly: true, kind: "missing_in_file")).map(\.exceptionId) == ["MIF-C-PAY2"])
        }
    }
}
