import EventStore
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
            + (try rows("SELECT kind, item_id, payment_id, record_number::text, exception_id FROM recon.matches ORDER BY kind, payment_id, item_id"))
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

    /// Two payments, each with a refund RF1 (a refund id is unique within its payment only).
    static func twoRefundsNamedRF1(_ url: String) throws {
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

    /// Before schema/020 recon.items was keyed by (kind, item id): the second refund RF1 was
    /// dropped by the catch-up's ON CONFLICT, so its TC 06 matched nothing (missing_in_ledger) and
    /// it was never reported missing. Both must be items, and each TC 06 must match its own.
    @Test("two payments with a refund RF1 each: both are items, each TC 06 matches its own, on one connection or two")
    func refundsOfTwoPaymentsShareAnId() throws {
        let (path, records) = Recon.file([
            .draft(Recon.draft(.purchase, arnN: 1, source: (10_000, .hkd))),
            .draft(Recon.draft(.purchase, arnN: 2, source: (10_000, .hkd))),
            .draft(Recon.draft(.creditVoucher, arnN: 50, source: (1_000, .hkd))),
            .draft(Recon.draft(.creditVoucher, arnN: 51, source: (2_000, .hkd))),
        ])
        defer { try? FileManager.default.removeItem(atPath: path) }
        var outcomes: [[String]] = []
        for twoConnections in [false, true] {
            let outcome = try TestDatabase.with { url in
                try Self.twoRefundsNamedRF1(url)
                return try Self.outcome(url, twoConnections: twoConnections, path: path)
            }
            #expect(outcome.filter { $0.hasPrefix("refund|RF1|PAY1|") }.count == 2, "PAY1's RF1: its item and its match")
            #expect(outcome.filter { $0.hasPrefix("refund|RF1|PAY2|") }.count == 2, "PAY2's RF1: its item and its match")
            // recon.matches rows: kind|item|payment|record|exception; arn 50 is PAY1's, 51 PAY2's.
            #expect(outcome.contains("refund|RF1|PAY1|\(records[2])|∅") && outcome.contains("refund|RF1|PAY2|\(records[3])|∅"))
            #expect(!outcome.contains { $0.contains("|missing_in_ledger|") }, "no exception: every line matched its item")
            outcomes.append(outcome)
        }
        #expect(outcomes[1] == outcomes[0], "two connections leave what one leaves")
    }

    /// Neither refund presented, past the grace days: two missing_in_file exceptions, one per
    /// refund, whose ids differ (each was `MIF-R-RF1` before schema/020).
    @Test("two unpresented refunds RF1 of two payments raise two missing_in_file exceptions")
    func unpresentedRefundsSharingAnIdEachRaiseOne() throws {
        let (path, _) = Recon.file([.draft(Recon.draft(.purchase, arnN: 1, source: (10_000, .hkd)))])
        defer { try? FileManager.default.removeItem(atPath: path) }
        try TestDatabase.with { url in
            try Self.twoRefundsNamedRF1(url)
            _ = try Recon.reconcile(url, path, graceDays: 0)
            let c = try PGConnection(url)
            let r = try c.execute("""
                SELECT exception_id, payment_id, amount_minor FROM recon.exceptions
                 WHERE kind = 'missing_in_file' AND item_kind = 'refund' ORDER BY payment_id
                """)
            let rows = try (0..<r.rowCount).map { "\(try r.string($0, 0))|\(try r.string($0, 1))|\(try r.int64($0, 2))" }
            #expect(rows == ["MIF-RF-PAY1-RRF1-L4|PAY1|1000", "MIF-RF-PAY2-RRF1-L4|PAY2|2000"])
            let evidence = try c.execute("SELECT evidence FROM recon.exceptions WHERE exception_id = 'MIF-RF-PAY2-RRF1-L4'")
            #expect(try evidence.string(0, 0).hasPrefix("refund RF1 of payment PAY2 of 20.00 HKD"))
        }
    }

    /// schema/020 on a ledger that lost a refund to the old key: the matches get their payment
    /// and the cursor goes back to 0, so the next import's copy meets the items already there,
    /// falls back to the single statement (ON CONFLICT DO NOTHING) and adds the lost refund.
    @Test("schema/020 recovers a refund the old key dropped: the next import indexes and matches it")
    func migrationRecoversTheDroppedRefund() throws {
        let (path, _) = Recon.file([
            .draft(Recon.draft(.creditVoucher, arnN: 50, source: (1_000, .hkd))),
            .draft(Recon.draft(.creditVoucher, arnN: 51, source: (2_000, .hkd))),
        ])
        defer { try? FileManager.default.removeItem(atPath: path) }
        try TestDatabase.withEmpty { url in
            let c = try PGConnection(url)
            let all = try Migrator(directory: TestDatabase.schemaDirectory)
            try Migrator(migrations: all.migrations.filter { $0.version < 20 }).migrate(c)
            try Self.twoRefundsNamedRF1(url)
            // What the old catch-up left: both captures and PAY1's RF1 (PAY2's was the conflict),
            // PAY1's capture matched by an earlier file, the cursor at the head.
            let head = try Recon.head(url)
            try c.executeScript("""
                INSERT INTO recon.items (ledger_id, kind, item_id, payment_id, arn, amount_minor, currency, business_date, seq)
                SELECT 'main', CASE event_type WHEN 'PaymentCaptured' THEN 'capture' ELSE 'refund' END,
                       convert_from(body, 'UTF8')::json->>(CASE event_type WHEN 'PaymentCaptured' THEN 'paymentId' ELSE 'refundId' END),
                       convert_from(body, 'UTF8')::json->>'paymentId', convert_from(body, 'UTF8')::json->>'arn',
                       replace(convert_from(body, 'UTF8')::json->>'amount', '.', '')::bigint, 'HKD', '2026-05-14', seq
                  FROM ledger.events WHERE event_type IN ('PaymentCaptured', 'PaymentRefunded') ORDER BY seq
                    ON CONFLICT (ledger_id, kind, item_id) DO NOTHING;
                INSERT INTO recon.matches (ledger_id, kind, item_id, file_id, record_number) VALUES ('main', 'capture', 'PAY1', 'f0', 2);
                INSERT INTO recon.cursors (ledger_id, last_seq) VALUES ('main', \(head));
                """)
            #expect(try c.execute("SELECT count(*) FROM recon.items WHERE kind = 'refund'").int64(0, 0) == 1, "the old key kept one")
            #expect(try Migrator(migrations: all.migrations.filter { $0.version <= 20 }).migrate(c) == ["020_recon_refund_key"])
            #expect(try c.execute("SELECT payment_id FROM recon.matches").string(0, 0) == "PAY1")
            #expect(try c.execute("SELECT last_seq FROM recon.cursors").int64(0, 0) == 0)

            _ = try Recon.reconcile(url, path)
            let r = try c.execute("""
                SELECT i.payment_id, (m.record_number IS NOT NULL)::text FROM recon.items i
                  LEFT JOIN recon.matches m ON (m.ledger_id, m.kind, m.payment_id, m.item_id) = (i.ledger_id, i.kind, i.payment_id, i.item_id)
                 WHERE i.kind = 'refund' ORDER BY i.payment_id
                """)
            #expect(try (0..<r.rowCount).map { "\(try r.string($0, 0))|\(try r.string($0, 1))" } == ["PAY1|true", "PAY2|true"])
            #expect(try c.execute("SELECT count(*) FROM recon.exceptions WHERE kind = 'missing_in_ledger'").int64(0, 0) == 0)
            #expect(try c.execute("SELECT last_seq FROM recon.cursors").int64(0, 0) == head)
        }
    }
}
