import LibPQ

extension BalancesProjection {
    /// The journal by binary COPY, then the running balances in one upsert.
    func flush(_ c: PGConnection, ledger: String, generation: Int64) throws {
        try flushRebuildPage(c, ledger: ledger, generation: generation)
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

    /// The journal alone (a rebuild's page: `DeferredBalances` writes the running balances).
    func flushRebuildPage(_ c: PGConnection, ledger: String, generation: Int64) throws {
        if !journal.isEmpty { try copyJournal(c, ledger: ledger, generation: generation) }
    }

    /// The balances journal: one row per event, its postings as three arrays (schema/016).
    func copyJournal(_ c: PGConnection, ledger: String, generation: Int64) throws {
        try c.copyIn("""
            COPY proj.journal (ledger_id, generation, seq, effective_at, accounts, currencies, amounts) FROM STDIN (FORMAT binary)
            """) { w in
            let ledgerField = CopyFields.text(ledger)
            try w.write(PGBinaryCopyEncoder.header)
            for r in journal {
                try w.withBuffer { out in
                    PGBinaryCopyEncoder.beginRow(fields: 7, into: &out)
                    out.append(contentsOf: ledgerField)
                    PGBinaryCopyEncoder.appendInt64(generation, into: &out)
                    PGBinaryCopyEncoder.appendInt64(r.seq, into: &out)
                    PGBinaryCopyEncoder.appendTimestamp(PGTimestamp(microsecondsSinceUnixEpoch: r.effectiveAt), into: &out)
                    let n = r.postings.count
                    var at = CopyFields.beginArray(count: n, elementOID: CopyFields.textOID, into: &out)
                    for p in r.postings { CopyFields.text(p.account, into: &out) }
                    CopyFields.endField(startingAt: at, in: &out)
                    at = CopyFields.beginArray(count: n, elementOID: CopyFields.textOID, into: &out)
                    for p in r.postings { CopyFields.text(p.currency.code, into: &out) }
                    CopyFields.endField(startingAt: at, in: &out)
                    at = CopyFields.beginArray(count: n, elementOID: CopyFields.int8OID, into: &out)
                    for p in r.postings { CopyFields.int32(8, into: &out); CopyFields.int64(p.amountMinor, into: &out) }
                    CopyFields.endField(startingAt: at, in: &out)
                }
            }
            try w.write(PGBinaryCopyEncoder.trailer)
        }
    }
}
