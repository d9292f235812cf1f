import EventStore
import LibPQ
import Money
import Projections

/// Every `merchant/{party}/payable` balance as of an instant (business time), from the balances
/// projection's journal in one bounded query. The caller catches the projection up first.
struct PayableBalances {
    let connection: PGConnection
    let ledgerId: String

    struct Row: Equatable {
        var merchantId: String
        var balance: Amount
    }

    static let prefix = "merchant/"
    static let suffix = "/payable"

    /// Sorted by merchant (bytewise), then currency; accounts that never moved are absent.
    func asOf(_ instant: Timestamp) throws -> [Row] {
        let r = try connection.execute("""
            SELECT p.account, p.currency, sum(p.amount_minor)::int8
              FROM proj.journal j, unnest(j.accounts, j.currencies, j.amounts) AS p(account, currency, amount_minor)
             WHERE j.ledger_id = $1
               AND j.generation = (SELECT generation FROM proj.generations WHERE ledger_id = $1 AND projection = 'balances')
               AND j.effective_at <= $2 AND starts_with(p.account, 'merchant/') AND p.account LIKE '%/payable'
             GROUP BY 1, 2 ORDER BY p.account COLLATE "C", p.currency COLLATE "C"
            """, [.text(ledgerId), .timestamptz(PGTimestamp(microsecondsSinceUnixEpoch: instant.microsecondsSinceEpoch))])
        var rows: [Row] = []
        rows.reserveCapacity(r.rowCount)
        for row in 0..<r.rowCount {
            let account = try r.string(row, 0)
            guard let currency = Currency(code: try r.string(row, 1)) else {
                throw SettlementError.corrupt("unknown currency \(try r.string(row, 1)) on \(account)")
            }
            let id = String(account.dropFirst(Self.prefix.count).dropLast(Self.suffix.count))
            rows.append(Row(merchantId: id, balance: Amount(minorUnits: try r.int64(row, 2), currency: currency)))
        }
        return rows
    }
}
