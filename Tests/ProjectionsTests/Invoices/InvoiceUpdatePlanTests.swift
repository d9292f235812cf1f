import LibPQ
@testable import Projections
import TestSupport
import Testing

/// A page's update of `proj.invoices` costs what its ids cost, not what the table holds.
@Suite("invoices update plan") struct InvoiceUpdatePlanTests {
    @Test("the update of earlier invoices looks each id up in the primary key, whatever the table holds and its statistics say; the settings are put back")
    func updateLooksUpEachIdInThePrimaryKey() throws {
        try TestDatabase.with { url in
            let c = try PGConnection(url)
            // The live generation and a rebuild's, 200,000 invoices each, analysed; a page's 4,000
            // ids spread over the rebuild's. Left to itself the planner reads the whole table here.
            for (generation, rows, analyse) in [(1, 200_000, false), (2, 200_000, true)] as [(Int, Int, Bool)] {
                try c.executeScript("""
                    INSERT INTO proj.invoices (ledger_id, generation, invoice_id, seller_id, buyer_id, currency, total_minor, issue_date, due_date)
                    SELECT 'main', \(generation), 'INV-' || n, 'M1', 'B1', 'HKD', 100, DATE '2026-05-01', DATE '2026-05-31'
                      FROM generate_series(1, \(rows)) AS n;
                    \(analyse ? "ANALYZE proj.invoices;" : "")
                    """)
            }
            let ids = (1...4_000).map { "INV-\($0 * 25)" }
            let params: [PGValue] = [.text("main"), .int8(2), .textArray(ids), .int8Array(ids.map { _ in 1 }),
                                     .int8Array(ids.map { _ in 0 }), .int8Array(ids.map { _ in 0 })]
            let plan = try c.withTransaction { c in
                let plan = try InvoicesProjection.joiningByIndex(c) {
                    try c.execute("EXPLAIN (FORMAT JSON) " + InvoicesProjection.updateAmounts, params).string(0, 0)
                }
                let after = try c.execute("SELECT current_setting('enable_seqscan'), current_setting('enable_nestloop'), current_setting('enable_mergejoin')")
                #expect(try (0..<3).allSatisfy { try after.string(0, $0) == "on" }, "the settings are put back within the transaction")
                return plan
            }
            #expect(plan.contains("\"Index Name\": \"invoices_pkey\"") && plan.contains("Hash Join"), "\(plan)")
            #expect(!plan.contains("Seq Scan") && !plan.contains("Nested Loop") && !plan.contains("Merge Join"), "\(plan)")

            // And it updates what it names, in the generation it names.
            try c.withTransaction { c in
                try InvoicesProjection.joiningByIndex(c) { try c.execute(InvoicesProjection.updateAmounts, params) }
            }
            let paid = try c.execute("SELECT generation, sum(paid_minor)::int8, count(*) FILTER (WHERE paid_minor > 0) FROM proj.invoices GROUP BY 1 ORDER BY 1")
            #expect(try paid.int64(0, 1) == 0 && paid.int64(1, 1) == 4_000 && paid.int64(1, 2) == 4_000)
        }
    }
}
