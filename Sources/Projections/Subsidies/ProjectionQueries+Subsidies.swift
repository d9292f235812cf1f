import LibPQ
import Money

extension ProjectionQueries {
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
