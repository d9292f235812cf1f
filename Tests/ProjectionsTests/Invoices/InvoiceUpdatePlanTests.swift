import LibPQ
@testable import Projections
import TestSupport
import Testing

/// A page's update of `proj.invoices` costs what its ids cost, not what the table holds.
@Suite("invoices update plan") struct InvoiceUpdatePlanTests {
    @Test("the update of earlier invoices looks each id up in the primary key, whatever the table holds and its statistics say")
    func updateLooksUpEachIdInThePrimaryKey() throws {
        try TestDatabase.with { url in
            let c = try PGConnection(url)
            // The live generation and a rebuild's, 200,000 invoices each, analysed; ids spread over
            // the rebuild's. A join of the table to the ids was planned as a read of all of it here.
            for (generation, rows, analyse) in [(1, 200_000, false), (2, 200_000, true)] as [(Int, Int, Bool)] {
                try c.executeScript("""
                    INSERT INTO proj.invoices (ledger_id, generation, invoice_id, seller_id, buyer_id, currency, total_minor, issue_date, due_date)
                    SELECT 'main', \(generation), 'INV-' || n, 'M1', 'B1', 'HKD', 100, DATE '2026-05-01', DATE '2026-05-31'
                      FROM generate_series(1, \(rows)) AS n;
                    \(analyse ? "ANALYZE proj.invoices;" : "")
                    """)
            }
            let ids = (1...5_000).map { "INV-\($0 * 25)" }
            let plan = try c.execute("EXPLAIN (FORMAT JSON) " + InvoicesProjection.updateAmounts,
                                     [.text("main"), .int8(2), .text(ids[0]), .int8(1), .int8(0), .int8(0)]).string(0, 0)
            #expect(plan.contains("\"Index Name\": \"invoices_pkey\""), "\(plan)")
            #expect(!plan.contains("Seq Scan") && !plan.contains("Bitmap"), "\(plan)")

            // And the flush updates what it names, in the generation it names, past one pipeline.
            let projection = InvoicesProjection(keepJournal: true)
            var sums: [String: InvoicesProjection.Sums] = [:]
            for id in ids { sums[id] = InvoicesProjection.Sums(paid: 1, credited: 0, refunded: 0) }
            #expect(ids.count > PGPipeline.depthMax)
            try c.withTransaction { c in try projection.update(sums, c, ledger: "main", generation: 2) }
            let paid = try c.execute("SELECT generation, sum(paid_minor)::int8, count(*) FILTER (WHERE paid_minor > 0) FROM proj.invoices GROUP BY 1 ORDER BY 1")
            #expect(try paid.int64(0, 1) == 0 && paid.int64(1, 1) == 5_000 && paid.int64(1, 2) == 5_000)
        }
    }
}
