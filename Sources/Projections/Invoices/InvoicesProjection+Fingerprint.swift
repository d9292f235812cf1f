import LibPQ

extension InvoicesProjection {
    static let fingerprintSQL = """
        SELECT string_agg(format('%s|%s|%s|%s|%s|%s|%s|%s|%s|%s', invoice_id, seller_id, buyer_id, currency, total_minor,
                                 paid_minor, credited_minor, refunded_minor, issue_date, due_date), E'\\n'
                          ORDER BY invoice_id COLLATE "C")
          FROM proj.invoices WHERE ledger_id = $1 AND generation = $2
        """

    func fingerprintLines() -> [String] {
        newInvoices.sorted(by: { $0.invoiceId < $1.invoiceId }).map { i in
            let s = sums[i.invoiceId] ?? Sums()
            return "\(i.invoiceId)|\(i.sellerId)|\(i.buyerId)|\(i.currency)|\(i.total)|\(s.paid)|\(s.credited)|\(s.refunded)|\(i.issueDate.text)|\(i.dueDate.text)"
        }
    }

    /// The invoices journal, summed per invoice, must equal the invoice rows (what the as-of
    /// queries read must agree with what the fingerprint covers).
    static func checkStored(_ c: PGConnection, ledger: String, generation: Int64) throws {
        let r = try c.execute("""
            SELECT count(*), min(coalesce(i.invoice_id, j.invoice_id)) FROM (
              SELECT invoice_id, sum(total_minor) AS t, sum(paid_minor) AS p, sum(credited_minor) AS c, sum(refunded_minor) AS r
                FROM proj.invoice_journal WHERE ledger_id = $1 AND generation = $2 GROUP BY 1) j
              FULL JOIN (SELECT invoice_id, total_minor, paid_minor, credited_minor, refunded_minor
                           FROM proj.invoices WHERE ledger_id = $1 AND generation = $2) i USING (invoice_id)
             WHERE j.t IS DISTINCT FROM i.total_minor OR j.p IS DISTINCT FROM i.paid_minor
                OR j.c IS DISTINCT FROM i.credited_minor OR j.r IS DISTINCT FROM i.refunded_minor
            """, [.text(ledger), .int8(generation)])
        let mismatch = try r.int64(0, 0)
        if mismatch > 0 {
            throw ProjectionError("the invoices journal disagrees with the invoice rows on \(mismatch) invoice(s) (first \(try r.string(0, 1))); rebuild invoices",
                                  projection: name)
        }
    }
}
