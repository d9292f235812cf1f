import LibPQ
import Money

extension ProjectionQueries {
    public struct Invoice: Sendable, Equatable {
        public var invoiceId, sellerId, buyerId: String
        public var total, paid, credited, refunded: Amount
        public var issueDate, dueDate: CalendarDay
        public var open: Amount { Amount(minorUnits: total.minorUnits - paid.minorUnits - credited.minorUnits, currency: total.currency) }
        public func status(asOf: CalendarDay) -> InvoiceStatus {
            .of(total: total.minorUnits, paid: paid.minorUnits, credited: credited.minorUnits, refunded: refunded.minorUnits,
                dueDate: dueDate, asOf: asOf)
        }
    }

    /// Invoices sorted by id (one with `id`). Without `asOf`, as they stand now (every event
    /// applied). With `asOf`, as they stood at the end of that day (UTC): amounts summed from
    /// the invoices journal over the events effective by then, and only invoices issued by then
    /// on both clocks, their issue date on or before the day and their `InvoiceIssued` effective
    /// by its end.
    public func invoices(id: String? = nil, asOf: CalendarDay? = nil) throws -> [Invoice] {
        let columns = "i.invoice_id, i.seller_id, i.buyer_id, i.currency"
        let dates = "i.issue_date::text, i.due_date::text"
        let sql: String
        var params: [PGValue] = [.text(ledgerId), .text(id ?? "")]
        if let asOf {
            sql = """
                SELECT \(columns), j.t, j.p, j.c, j.r, \(dates)
                  FROM proj.invoices i
                 CROSS JOIN LATERAL (
                        -- Per invoice, its journal rows by the primary key: a plan that does not
                        -- depend on statistics (a freshly filled journal has none, and a hash of
                        -- it misestimated as one row became a nested loop over every row).
                        SELECT coalesce(sum(ij.total_minor), 0)::int8 AS t, coalesce(sum(ij.paid_minor), 0)::int8 AS p,
                               coalesce(sum(ij.credited_minor), 0)::int8 AS c, coalesce(sum(ij.refunded_minor), 0)::int8 AS r
                          FROM proj.invoice_journal ij
                         WHERE ij.ledger_id = i.ledger_id AND ij.generation = i.generation AND ij.invoice_id = i.invoice_id
                           AND ij.effective_at <= $3) j
                 WHERE i.ledger_id = $1 AND i.generation = \(generation(.invoices)) AND ($2 = '' OR i.invoice_id = $2)
                   AND j.t > 0 AND i.issue_date <= $4::date
                 ORDER BY i.invoice_id COLLATE "C"
                """
            params += [.timestamptz(PGTimestamp(microsecondsSinceUnixEpoch: asOf.endOfDay.microsecondsSinceEpoch)), .text(asOf.text)]
        } else {
            sql = """
                SELECT \(columns), i.total_minor, i.paid_minor, i.credited_minor, i.refunded_minor, \(dates)
                  FROM proj.invoices i WHERE i.ledger_id = $1 AND i.generation = \(generation(.invoices)) AND ($2 = '' OR i.invoice_id = $2)
                 ORDER BY i.invoice_id COLLATE "C"
                """
        }
        let r = try connection.execute(sql, params)
        return try (0..<r.rowCount).map { row in
            let c = try Self.currency(try r.string(row, 3))
            func amount(_ col: Int) throws -> Amount { Amount(minorUnits: try r.int64(row, col), currency: c) }
            return Invoice(invoiceId: try r.string(row, 0), sellerId: try r.string(row, 1), buyerId: try r.string(row, 2),
                           total: try amount(4), paid: try amount(5), credited: try amount(6), refunded: try amount(7),
                           issueDate: try CalendarDay(parsing: try r.string(row, 8)), dueDate: try CalendarDay(parsing: try r.string(row, 9)))
        }
    }
}
