import EventStore
import LibPQ
import Money

/// Read queries over the live generations (what `balances`, `trial-balance`, `invoices`,
/// `invoice` and `subsidies` print). Each projection's queries are in its folder
/// (`ProjectionQueries+Balances.swift`, …).
public struct ProjectionQueries {
    public let connection: PGConnection
    public let ledgerId: String

    public init(connection: PGConnection, ledgerId: String) {
        self.connection = connection
        self.ledgerId = ledgerId
    }

    static func currency(_ code: String) throws -> Currency {
        guard let c = Currency(code: code) else { throw ProjectionError("unknown currency \(code) in a projection row") }
        return c
    }

    func generation(_ p: ProjectionName) -> String {
        "(SELECT generation FROM proj.generations WHERE ledger_id = $1 AND projection = '\(p.rawValue)')"
    }
}
