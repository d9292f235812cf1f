import LibPQ
import Money

extension InvoicesProjection {
    /// The journal by binary COPY, then the invoices issued in this delta (with their amounts
    /// so far) in one insert, then the amounts of the others in one update.
    func flush(_ c: PGConnection, ledger: String, generation: Int64) throws {
        if !journal.isEmpty { try copyJournal(c, ledger: ledger, generation: generation) }
        var rest = sums
        let inserted = newInvoices.map { i in (i, rest.removeValue(forKey: i.invoiceId) ?? Sums()) }
        if !inserted.isEmpty { try insert(inserted, c, ledger: ledger, generation: generation) }
        if !rest.isEmpty { try update(rest, c, ledger: ledger, generation: generation) }
    }

    func insert(_ rows: [(Row, Sums)], _ c: PGConnection, ledger: String, generation: Int64) throws {
        try c.execute("""
            INSERT INTO proj.invoices (ledger_id, generation, invoice_id, seller_id, buyer_id, currency, total_minor,
                                       paid_minor, credited_minor, refunded_minor, issue_date, due_date)
            SELECT $1, $2, u.i, u.s, u.b, u.c, u.t, u.p, u.cr, u.r, u.id::date, u.dd::date
              FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::int8[], $8::int8[], $9::int8[], $10::int8[],
                          $11::text[], $12::text[]) AS u(i, s, b, c, t, p, cr, r, id, dd)
            """, [.text(ledger), .int8(generation), .textArray(rows.map(\.0.invoiceId)), .textArray(rows.map(\.0.sellerId)),
                  .textArray(rows.map(\.0.buyerId)), .textArray(rows.map(\.0.currency)),
                  .int8Array(rows.map(\.0.total)), .int8Array(rows.map(\.1.paid)),
                  .int8Array(rows.map(\.1.credited)), .int8Array(rows.map(\.1.refunded)),
                  .textArray(rows.map(\.0.issueDate.text)), .textArray(rows.map(\.0.dueDate.text))])
    }

    /// The amounts of invoices issued before this delta, one update joined to each row by its
    /// primary key (`joiningByIndex`).
    func update(_ sums: [String: Sums], _ c: PGConnection, ledger: String, generation: Int64) throws {
        let ids = Array(sums.keys)
        try Self.joiningByIndex(c) {
            try c.execute(Self.updateAmounts, [.text(ledger), .int8(generation), .textArray(ids), .int8Array(ids.map { sums[$0]!.paid }),
                                               .int8Array(ids.map { sums[$0]!.credited }), .int8Array(ids.map { sums[$0]!.refunded })])
        }
    }

    static let updateAmounts = """
        UPDATE proj.invoices i SET paid_minor = i.paid_minor + u.p, credited_minor = i.credited_minor + u.c,
                                   refunded_minor = i.refunded_minor + u.r
          FROM unnest($3::text[], $4::int8[], $5::int8[], $6::int8[]) AS u(id, p, c, r)
         WHERE i.ledger_id = $1 AND i.generation = $2 AND i.invoice_id = ANY($3::text[]) AND i.invoice_id = u.id
        """

    /// Runs `body` (one statement of the page's transaction) with one plan left open to it: the
    /// rows found in the primary key by their ids (`invoice_id = ANY(ids)`, one descent each),
    /// hashed against the page's amounts. Sequential scans, nested loops and merge joins are off
    /// for it, and put back as they were after.
    ///
    /// Left to itself the planner read the whole table per page. Its statistics lag behind a
    /// generation that a rebuild is filling, and the plans they favour cost what the table holds:
    /// a hash of every row (on 714k events the update took 5 ms a page at the start of the rebuild
    /// and 156 ms at its end: quadratic in the ledger, 4.4 s of 25), or a nested loop of every row
    /// of the generation against every id (up to 1.8 s a page). This plan costs what the page's ids
    /// cost, whatever the statistics say. `SET LOCAL` lasts for the transaction at most. On Citus
    /// a worker plans the statement for its shard; `citus.propagate_set_commands = 'local'` sends it
    /// the `SET LOCAL`s (ops/SCALING.md; not tried here).
    static func joiningByIndex<T>(_ c: PGConnection, _ body: () throws -> T) throws -> T {
        let names = ["enable_seqscan", "enable_nestloop", "enable_mergejoin"]
        let before = try c.execute("SELECT " + names.map { "current_setting('\($0)')" }.joined(separator: ", "))
        let values = try names.indices.map { try before.string(0, $0) }
        precondition(values.allSatisfy { $0 == "on" || $0 == "off" }, "a boolean setting reads on or off")
        try c.executeScript(names.map { "SET LOCAL \($0) = off" }.joined(separator: "; "))
        let result = try body()
        try c.executeScript(zip(names, values).map { "SET LOCAL \($0) = \($1)" }.joined(separator: "; "))
        return result
    }

    /// The invoices journal: one row per event that changes an invoice.
    func copyJournal(_ c: PGConnection, ledger: String, generation: Int64) throws {
        try c.copyIn("""
            COPY proj.invoice_journal (ledger_id, generation, invoice_id, seq, effective_at, total_minor, paid_minor, credited_minor,
                                       refunded_minor) FROM STDIN (FORMAT binary)
            """) { w in
            let ledgerField = CopyFields.text(ledger)
            try w.write(PGBinaryCopyEncoder.header)
            for r in journal {
                try w.withBuffer { out in
                    PGBinaryCopyEncoder.beginRow(fields: 9, into: &out)
                    out.append(contentsOf: ledgerField)
                    PGBinaryCopyEncoder.appendInt64(generation, into: &out)
                    CopyFields.text(r.invoiceId, into: &out)
                    PGBinaryCopyEncoder.appendInt64(r.seq, into: &out)
                    PGBinaryCopyEncoder.appendTimestamp(PGTimestamp(microsecondsSinceUnixEpoch: r.effectiveAt), into: &out)
                    PGBinaryCopyEncoder.appendInt64(r.total, into: &out)
                    PGBinaryCopyEncoder.appendInt64(r.sums.paid, into: &out)
                    PGBinaryCopyEncoder.appendInt64(r.sums.credited, into: &out)
                    PGBinaryCopyEncoder.appendInt64(r.sums.refunded, into: &out)
                }
            }
            try w.write(PGBinaryCopyEncoder.trailer)
        }
    }
}
