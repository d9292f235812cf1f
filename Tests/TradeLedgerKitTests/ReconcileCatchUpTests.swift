import Foundation
import LibPQ
import Reconciliation
import TestSupport
import Testing

/// The index phase's catch-up of recon.items (`ReconStore.catchUp`): on two connections (the
/// extraction on one backend, the copy into recon.items on the other, what `reconcile` does) it
/// must leave what the single statement leaves, and fall back to it when an item is named twice.
@Suite("reconcile catch-up", .serialized)
struct ReconcileCatchUpTests {
    /// What an import leaves behind, in a comparable form: the report without its timings,
    /// recon.items, recon.matches and recon.exceptions, and the types and bodies of the events it
    /// appended (their ids and times aside).
    static func outcome(_ url: String, twoConnections: Bool, path: String) throws -> [String] {
        let head = try Recon.head(url)
        let report = try Recon.reconcile(url, path, twoConnections: twoConnections).report
        let c = try PGConnection(url)
        func rows(_ sql: String) throws -> [String] {
            let r = try c.execute(sql)
            return try (0..<r.rowCount).map { row in try (0..<r.columnCount).map { try r.optionalString(row, $0) ?? "∅" }.joined(separator: "|") }
        }
        return [report.json(includePhases: false)]
            + (try rows("""
                SELECT kind, item_id, payment_id, arn, visa_transaction_id, token_ref, auth_code, amount_minor::text, currency,
                       business_date::text, seq::text, missing_exception FROM recon.items ORDER BY seq, kind, item_id
                """))
            + (try rows("SELECT kind, item_id, record_number::text, exception_id FROM recon.matches ORDER BY kind, item_id"))
            + (try rows("SELECT exception_id, kind, item_id, record_number::text, evidence FROM recon.exceptions ORDER BY exception_id"))
            + (try rows("SELECT event_type, convert_from(body, 'UTF8') FROM ledger.events WHERE seq > \(head) ORDER BY seq"))
    }

    @Test("two connections leave the items, matches, exceptions, report and events of one")
    func twoConnectionsAsOne() throws {
        let (path, _) = ReconcileTests.scenarioFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let one = try TestDatabase.with { url in
            try ReconcileTests.ledger(url)
            return try Self.outcome(url, twoConnections: false, path: path)
        }
        let two = try TestDatabase.with { url in
            try ReconcileTests.ledger(url)
            return try Self.outcome(url, twoConnections: true, path: path)
        }
        #expect(one.count > 20, "the scenario has items, matches and exceptions")
        #expect(two == one)
    }

    /// A refund id is unique within its payment only, so two payments can each have a refund
    /// RF1: the same recon.items key twice in one catch-up. COPY cannot skip it; the import goes
    /// back to its savepoint and runs the single statement, which keeps the first by seq.
    @Test("an item named twice in the log: the copy falls back to the statement, the first by seq kept")
    func duplicateItemFallsBack() throws {
        func ledger(_ url: String) throws {
            var lines = Cmd.setup
            for (i, p) in ["PAY1", "PAY2"].enumerated() {
                lines.append(Cmd.invoice("INV\(i + 1)", price: "100.00", at: "2026-05-01T00:00:00Z", n: "i\(i + 1)"))
                lines.append(Recon.capture(p, invoice: "INV\(i + 1)", amount: "100.00", arnN: i + 1, auth: "AUTH0\(i + 1)",
                                           at: ReconcileTests.at, n: "c\(i + 1)"))
            }
            lines.append(Recon.refund("RF1", payment: "PAY1", amount: "10.00", arnN: 50, at: ReconcileTests.at, n: "r1"))
            lines.append(Recon.refund("RF1", payment: "PAY2", amount: "20.00", arnN: 51, at: ReconcileTests.at, n: "r2"))
            let results = try submit(url, lines.joined(separator: "\n"))
            #expect(results.allSatisfy { $0.status == .accepted })
        }
        let (path, _) = Recon.file([
            .draft(Recon.draft(.purchase, arnN: 1, source: (10_000, .hkd))),
            .draft(Recon.draft(.creditVoucher, arnN: 50, source: (1_000, .hkd))),
        ])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let one = try TestDatabase.with { url in
            try ledger(url)
            return try Self.outcome(url, twoConnections: false, path: path)
        }
        let two = try TestDatabase.with { url in
            try ledger(url)
            return try Self.outcome(url, twoConnections: true, path: path)
        }
        #expect(two == one)
        let refunds = two.filter { $0.hasPrefix("refund|RF1|") }
        #expect(refunds.count == 2, "one item row and its match")
        #expect(refunds.first?.hasPrefix("refund|RF1|PAY1|") == true, "the first refund RF1 by seq is the item")
    }
}
