import EventStore
import Foundation
import LibPQ
import Money
import Projections
import TestSupport
import Testing
import TradeLedgerKit

/// A database whose sessions default to another DateStyle, TimeZone and IntervalStyle gives the
/// same projections, fingerprints and query output as one with PostgreSQL's defaults.
@Suite("Projections under foreign session defaults") struct ForeignSessionDefaultsTests {
    static func build(_ url: String) throws -> (fingerprints: [ProjectionName: String], invoices: String, balances: String) {
        try submit(url, Cmd.handChecked.joined(separator: "\n"))
        let store = try openStore(url)
        let service = ProjectionService(store: store)
        _ = try service.runOnce()
        let verified = try ProjectionVerifier(store: store).run()
        let invoices = try service.invoicesOutput(id: nil, status: nil, asOf: try CalendarDay(parsing: "2026-06-01"), format: .json)
        let balances = try service.balancesOutput(prefix: nil, asOf: try Timestamp(rfc3339: "2026-05-15T05:30:00Z"), format: .json,
                                                  now: try Timestamp(rfc3339: "2026-06-01T00:00:00Z"))
        return (verified.fingerprints, invoices, balances)
    }

    @Test("fingerprints, verify and query output do not depend on the database's session defaults")
    func outputDoesNotDependOnTheSessionDefaults() throws {
        let plain = try TestDatabase.with { url in try Self.build(url) }
        let foreign = try TestDatabase.with { url in
            try PGConnection(url).executeScript("""
                DO $$ BEGIN
                  EXECUTE format('ALTER DATABASE %I SET DateStyle = %L', current_database(), 'SQL, DMY');
                  EXECUTE format('ALTER DATABASE %I SET TimeZone = %L', current_database(), 'America/New_York');
                  EXECUTE format('ALTER DATABASE %I SET IntervalStyle = %L', current_database(), 'postgres_verbose');
                END $$
                """)
            return try Self.build(url)
        }
        #expect(foreign.fingerprints == plain.fingerprints)
        #expect(foreign.invoices == plain.invoices)
        #expect(foreign.invoices.contains(#""dueDate":"2026-05-31""#), "\(foreign.invoices)")
        #expect(foreign.balances == plain.balances)
    }
}
