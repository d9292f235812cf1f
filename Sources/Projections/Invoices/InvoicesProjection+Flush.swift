import LibPQ
import Money

extension InvoicesProjection {
    /// The journal by binary COPY, then the invoices issued in this delta (with their amounts
    /// so far) in one insert, then the amounts of the others (`update`).
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

    /// The amounts of invoices issued before this delta: one update per invoice, by its whole
    /// primary key, in the ids' order (one order of row locks whatever the dictionary's), sent
    /// in pipelines (one round trip for up to `PGPipeline.depthMax`).
    ///
    /// One statement joined to `unnest` of the ids was planned by statistics that lag a
    /// generation a rebuild is filling, and its plans cost what the table holds: a hash of the
    /// whole of `proj.invoices` per page (on 714k events 5 ms a page at the start of a rebuild and
    /// 156 ms at its end, 4.4 s of the rebuild's 25, where a page has about a hundred such ids), or
    /// a nested loop of every row of the generation against every id. An equality on the whole
    /// primary key is planned as one look-up in it whatever the statistics say, so a page costs
    /// what its ids cost.
    func update(_ sums: [String: Sums], _ c: PGConnection, ledger: String, generation: Int64) throws {
        let ids = sums.keys.sorted()
        let perPipeline = PGPipeline.depthMax - 1  // and its sync
        for start in stride(from: 0, to: ids.count, by: perPipeline) {
            let outcomes = try c.pipeline { p in
                for id in ids[start..<min(start + perPipeline, ids.count)] {
                    let s = sums[id]!
                    p.execute(Self.updateAmounts, [.text(ledger), .int8(generation), .text(id), .int8(s.paid), .int8(s.credited), .int8(s.refunded)])
                }
            }
            for outcome in outcomes {
                switch outcome {
                case .ok: continue
                case .failed(let error): throw error
                case .aborted: preconditionFailure("a statement was skipped with no failure before it")
                }
            }
        }
    }

    static let updateAmounts = """
        UPDATE proj.invoices SET paid_minor = paid_minor + $4, credited_minor = credited_minor + $5, refunded_minor = refunded_minor + $6
         WHERE ledger_id = $1 AND generation = $2 AND invoice_id = $3
        """

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
