import LibPQ

extension BalancesProjection {
    static let fingerprintSQL = """
        SELECT string_agg(format('%s|%s|%s|%s', account, currency, debits_minor, credits_minor), E'\\n'
                          ORDER BY account COLLATE "C", currency COLLATE "C")
          FROM proj.balances WHERE ledger_id = $1 AND generation = $2
        """

    func fingerprintLines() -> [String] {
        balances.keys.sorted(by: { ($0.account, $0.currency) < ($1.account, $1.currency) }).map { k in
            "\(k.account)|\(k.currency)|\(balances[k]!.debits)|\(balances[k]!.credits)"
        }
    }

    /// The stored trial balance is zero per currency, and the journal sums to the running
    /// balances (the journal is not part of the fingerprint).
    static func checkStored(_ c: PGConnection, ledger: String, generation: Int64) throws {
        for t in try ProjectionQueries(connection: c, ledgerId: ledger).trialBalance() where t.net != 0 {
            throw ProjectionError("stored trial balance is not zero in \(t.currency.code): net \(t.net) minor units",
                                  projection: name)
        }
        let mismatch = try c.execute("""
            SELECT count(*) FROM (
              SELECT p.account, p.currency, sum(greatest(p.amount_minor, 0)) AS d, sum(greatest(-p.amount_minor, 0)) AS c
                FROM proj.journal j, unnest(j.accounts, j.currencies, j.amounts) AS p(account, currency, amount_minor)
               WHERE j.ledger_id = $1 AND j.generation = $2 GROUP BY 1, 2) j
              FULL JOIN (SELECT account, currency, debits_minor, credits_minor FROM proj.balances WHERE ledger_id = $1 AND generation = $2) b
                USING (account, currency)
             WHERE j.d IS DISTINCT FROM b.debits_minor OR j.c IS DISTINCT FROM b.credits_minor
            """, [.text(ledger), .int8(generation)]).int64(0, 0)
        if mismatch > 0 {
            throw ProjectionError("the balances journal disagrees with the running balances on \(mismatch) account(s); rebuild balances",
                                  projection: name)
        }
    }
}
