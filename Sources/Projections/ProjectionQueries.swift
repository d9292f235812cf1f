import EventStore
import LibPQ
import Money

/// Read queries over the live generations (what `balances`, `trial-balance`, `invoices`,
/// `invoice` and `subsidies` print).
public struct ProjectionQueries {
    public let connection: PGConnection
    public let ledgerId: String

    public init(connection: PGConnection, ledgerId: String) {
        self.connection = connection
        self.ledgerId = ledgerId
    }

    public struct Balance: Sendable, Equatable {
        public var account: String
        public var debits: Amount
        public var credits: Amount
        public var balance: Amount { Amount(minorUnits: debits.minorUnits - credits.minorUnits, currency: debits.currency) }
    }

    static func currency(_ code: String) throws -> Currency {
        guard let c = Currency(code: code) else { throw ProjectionError("unknown currency \(code) in a projection row") }
        return c
    }

    func generation(_ p: ProjectionName) -> String {
        "(SELECT generation FROM proj.generations WHERE ledger_id = $1 AND projection = '\(p.rawValue)')"
    }

    /// Balances per account and currency (debit-positive), sorted by account then currency;
    /// with `asOf`, from the journal by business time.
    public func balances(accountPrefix: String? = nil, asOf: Timestamp? = nil) throws -> [Balance] {
        let sql: String
        var params: [PGValue] = [.text(ledgerId), .text(accountPrefix ?? "")]
        if let asOf {
            sql = """
                SELECT account, currency, coalesce(sum(amount_minor) FILTER (WHERE amount_minor > 0), 0)::int8,
                       coalesce(-sum(amount_minor) FILTER (WHERE amount_minor < 0), 0)::int8
                  FROM proj.journal WHERE ledger_id = $1 AND generation = \(generation(.balances))
                   AND starts_with(account, $2) AND effective_at <= $3
                 GROUP BY account, currency ORDER BY account COLLATE "C", currency COLLATE "C"
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

    public struct Program: Sendable, Equatable {
        public var programId: String
        public var budget, granted, reversed, claimed, funded: Amount
        public var grants: Int64
        public var remaining: Amount {
            Amount(minorUnits: budget.minorUnits - granted.minorUnits + reversed.minorUnits, currency: budget.currency)
        }
    }

    public func subsidyPrograms(programId: String? = nil) throws -> [Program] {
        let r = try connection.execute("""
            SELECT program_id, currency, budget_minor, granted_minor, reversed_minor, claimed_minor, funded_minor, grants
              FROM proj.subsidy_programs WHERE ledger_id = $1 AND generation = \(generation(.subsidies)) AND ($2 = '' OR program_id = $2)
             ORDER BY program_id COLLATE "C"
            """, [.text(ledgerId), .text(programId ?? "")])
        return try (0..<r.rowCount).map { row in
            let c = try Self.currency(try r.string(row, 1))
            func amount(_ col: Int) throws -> Amount { Amount(minorUnits: try r.int64(row, col), currency: c) }
            return Program(programId: try r.string(row, 0), budget: try amount(2), granted: try amount(3), reversed: try amount(4),
                           claimed: try amount(5), funded: try amount(6), grants: try r.int64(row, 7))
        }
    }

    public struct MerchantSubsidy: Sendable, Equatable {
        public var programId, merchantId: String
        public var net: Amount
    }

    public func merchantSubsidies(programId: String? = nil) throws -> [MerchantSubsidy] {
        let r = try connection.execute("""
            SELECT program_id, merchant_id, currency, net_minor FROM proj.subsidy_merchants
             WHERE ledger_id = $1 AND generation = \(generation(.subsidies)) AND ($2 = '' OR program_id = $2)
             ORDER BY program_id COLLATE "C", merchant_id COLLATE "C"
            """, [.text(ledgerId), .text(programId ?? "")])
        return try (0..<r.rowCount).map { row in
            MerchantSubsidy(programId: try r.string(row, 0), merchantId: try r.string(row, 1),
                            net: Amount(minorUnits: try r.int64(row, 3), currency: try Self.currency(try r.string(row, 2))))
        }
    }
}
