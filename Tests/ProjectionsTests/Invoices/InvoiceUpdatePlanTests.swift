import LibPQ
@testable import Projections
import TestSupport
import Testing

/// A page's update of `proj.invoices` costs what its ids cost, not what the table holds.
@Suite("invoices update plan") struct InvoiceUpdatePlanTests {
    @Test("the update of earlier invoices looks each id up in the primary key, however many rows the table holds; the join settings are put back")
    func updateLooksUpEachIdInThePrimaryKey() throws {
        try TestDatabase.with { url in
            let c = try PGConnection(url)
            // Two generations of 60,000 invoices each, as during a rebuild, analysed.
            try c.executeScript("""
                INSERT INTO proj.invoices (ledger_id, generation, invoice_id, seller_id, buyer_id, currency, total_minor, issue_date, due_date)
                SELECT 'main', g, 'INV-' || n, 'M1', 'B1', 'HKD', 100, DATE '2026-05-01', DATE '2026-05-31'
                  FROM generate_series(1, 2) AS g, generate_series(1, 60000) AS n;
                ANALYZE proj.invoices;
                """)
            let ids = (1...4_000).map { "INV-\($0 * 15)" }
            let params: [PGValue] = [.text("main"), .int8(2), .textArray(ids), .int8Array(ids.map { _ in 1 }),
                                     .int8Array(ids.map { _ in 0 }), .int8Array(ids.map { _ in 0 })]
            let plan = try c.withTransaction { c in
                let plan = try InvoicesProjection.joiningByIndex(c) {
                    try c.execute("EXPLAIN (FORMAT JSON) " + InvoicesProjection.updateAmounts, params).string(0, 0)
                }
                let after = try c.execute("SELECT current_setting('enable_hashjoin'), current_setting('enable_mergejoin')")
                #expect(try after.string(0, 0) == "on" && after.string(0, 1) == "on", "the settings are put back within the transaction")
                return plan
            }
            #expect(plan.contains("\"Index Name\": \"invoices_pkey\""), "\(plan)")
            #expect(!plan.contains("Hash Join") && !plan.contains("Merge Join") && !plan.contains("Seq Scan"), "\(plan)")

            // And it updates what it names, in the generation it names.
            try c.withTransaction { c in
                try InvoicesProjection.joiningByIndex(c) { try c.execute(InvoicesProjection.updateAmounts, params) }
            }
            let paid = try c.execute("SELECT generation, sum(paid_minor)::int8, count(*) FILTER (WHERE paid_minor > 0) FROM proj.invoices GROUP BY 1 ORDER BY 1")
            #expect(try paid.int64(0, 1) == 0 && paid.int64(1, 1) == 4_000 && paid.int64(1, 2) == 4_000)
        }
    }
}
