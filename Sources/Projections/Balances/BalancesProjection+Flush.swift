import LibPQ

extension BalancesProjection {
    /// The journal by binary COPY, then the running balances in one upsert.
    func flush(_ c: PGConnection, ledger: String, generation: Int64) throws {
        if !journal.isEmpty { try copyJournal(c, ledger: ledger, generation: generation) }
        guard !balances.isEmpty else { return }
        let keys = Array(balances.keys)
        try c.execute("""
            INSERT INTO proj.balances (ledger_id, generation, account, currency, debits_minor, credits_minor)
            SELECT $1, $2, u.a, u.c, u.d, u.k FROM unnest($3::text[], $4::text[], $5::int8[], $6::int8[]) AS u(a, c, d, k)
            ON CONFLICT (ledger_id, generation, account, currency) DO UPDATE
              SET debits_minor = proj.balances.debits_minor + excluded.debits_minor,
                  credits_minor = proj.balances.credits_minor + excluded.credits_minor
            """, [.text(ledger), .int8(generation), .textArray(keys.map(\.account)), .textArray(keys.map(\.currency)),
                  .int8Array(keys.map { balances[$0]!.debits }), .int8Array(keys.map { balances[$0]!.credits })])
    }

    /// The balances journal: one row per posting.
    func copyJournal(_ c: PGConnection, ledger: String, generation: Int64) throws {
        try c.copyIn("""
            COPY proj.journal (ledger_id, generation, seq, posting_no, account, currency, amount_minor, effective_at) FROM STDIN (FORMAT binary)
            """) { w in
            let ledgerField = CopyFields.text(ledger)
            try w.write(PGBinaryCopyEncoder.header)
            for r in journal {
                try w.withBuffer { out in
                    PGBinaryCopyEncoder.beginRow(fields: 8, into: &out)
                    out.append(contentsOf: ledgerField)
                    PGBinaryCopyEncoder.appendInt64(generation, into: &out)
                    PGBinaryCopyEncoder.appendInt64(r.seq, into: &out)
                    PGBinaryCopyEncoder.append(.int4(r.postingNo), into: &out)
                    CopyFields.text(r.account, into: &out)
                    CopyFields.text(r.currency, into: &out)
                    PGBinaryCopyEncoder.appendInt64(r.amount, into: &out)
                    PGBinaryCopyEncoder.appendTimestamp(PGTimestamp(microsecondsSinceUnixEpoch: r.effectiveAt), into: &out)
                }
            }
            try w.write(PGBinaryCopyEncoder.trailer)
        }
    }
}
