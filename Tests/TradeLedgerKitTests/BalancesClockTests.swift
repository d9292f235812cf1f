import Foundation
import Money
import TestSupport
import Testing
import TradeLedgerKit

/// `balances` without `--as-of` reports the current balances as of now, the database clock's now
/// (`DatabaseClock.now`), never the machine's.
@Suite("balances: the printed asOf from the database clock", .serialized)
struct BalancesClockTests {
    @Test("without --as-of, `balances --json` prints the database clock's now as asOf, whatever the machine's clock says; with it, the time given")
    func printedAsOfIsTheDatabaseClocksNow() throws {
        try TestDatabase.with { url in
            try submit(url, Cmd.handChecked.joined(separator: "\n"))
            _ = try ProjectionService(store: try openStore(url)).runOnce()
            try TestDatabase.pinClock(url, at: "2026-05-16T06:30:00+08:00")
            let service = try ProjectionService(store: try openStore(url)).balancesOutput(prefix: nil, asOf: nil, format: .json)
            #expect(service.hasPrefix(#"{"asOf":"2026-05-15T22:30:00Z","balances":[{"#), "\(service.prefix(200))")
            let now = try CLIProcess.run(["balances", "--json", "--database-url", url])
            #expect(now.status == 0, "\(now.err)")
            #expect(now.out.hasPrefix(#"{"asOf":"2026-05-15T22:30:00Z","balances":[{"#), "\(now.out.prefix(200))")
            let given = try CLIProcess.run(["balances", "--json", "--as-of", "2026-05-15T05:30:00Z", "--database-url", url])
            #expect(given.status == 0 && given.out.hasPrefix(#"{"asOf":"2026-05-15T05:30:00Z","balances":[{"#), "\(given.out.prefix(200))\(given.err)")
        }
    }
}
