import LibPQ
import Money

extension ProjectionQueries {
    public struct Balance: Sendable, Equatable {
        public var account: String
        public var debits: Amount
        public var credits: Amount
        public var balance: Amount { Amount(minorUnits: debits.minorUnits - credits.minorUnits, currency: debits.currency) }
    }

    /// Balances per account and currency (debit-positive), sorted by account then currency;
    /// with `asOf`, from the journal by business time.
    public func balances(accountPrefix: String? = nil, asOf: Timestamp? = nil) throws -> [Balance] {
        let sql: String
        var params: [PGValue] = [.text(ledgerId), .text(accountPrefix ?? "")]
        if let asOf {
            sql = """
                SELECT p.account, p.currency, coalesce(sum(p.amount_minor) FILTER (WHERE p.amount_minor > 0), 0)::int8,
                       coalesce(-sum(p.amount_minor) FILTER (WHERE p.amount_minor < 0), 0)::int8
                  FROM proj.journal j, unnest(j.accounts, j.currencies, j.amounts) AS p(account, currency, amount_minor)
                 WHERE j.ledger_id = $1 AND j.generation = \(generation(.balances)) AND j.effective_at <= $3
                   AND starts_with(p.account, $2)
                 GROUP BY 1, 2 ORDER BY p.account COLLATE "C", p.currency COLLATE "C"
                """
            params.append(.timestamptz(PGTimestamp(microsecondsSinceUnixEpoch: asOf.microsecondsSinceEpoch)))
        } else {
            sql = """
                SELECT account, currency, debits_minor, credits_minor FROM proj.balances
                 WHERE ledger_id = $1 AND generation = \(generation(.balances)) AND starts_with(account, $2)
                 ORDER BY account COLLATE "C", currency COLLATE "C"
                """
        }
        let r = try connection.execute(sql, params)
        return try (0..<r.rowCount).map { row in
            let c = try Self.currency(try r.string(row, 1))
            return Balance(account: try r.string(row, 0), debits: Amount(minorUnits: try r.int64(row, 2), currency: c),
                           credits: Amount(minorUnits: try r.int64(row, 3), currency: c))
        }
    }

    public struct CurrencyTotal: Sendable, Equatable {
        public var currency: Currency
        public var debits: Int64
        public var credits: Int64
        public var net: Int64 { debits - credits }
    }

    public func trialBalance() throws -> [CurrencyTotal] {
        let r = try connection.execute("""
            SELECT currency, sum(debits_minor)::int8, sum(credits_minor)::int8 FROM proj.balances
             WHERE ledger_id = $1 AND generation = \(generation(.balances)) GROUP BY currency ORDER BY currency COLLATE "C"
            """, [.text(ledgerId)])
        return try (0..<r.rowCount).map { row in
            CurrencyTotal(currency: try Self.currency(try r.string(row, 0)), debits: try r.int64(row, 1), credits: try r.int64(row, 2))
        }
    }
}
