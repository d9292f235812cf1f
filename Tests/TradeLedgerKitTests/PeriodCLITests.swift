import Foundation
import LibPQ
import TestSupport
import Testing
import TradeLedgerKit

/// `tradeledger period close` and `submit`'s business-time bounds, through the real binary.
@Suite("Period close CLI") struct PeriodCLITests {
    @Test("period close appends PeriodClosed once; the same or an earlier date changes nothing; a day not yet ended is refused; submit then rejects commands dated in the closed period")
    func periodCloseAppendsOnceAndSubmitThenRejectsClosedDates() throws {
        try TestDatabase.with { url in
            try submit(url, Cmd.setup.joined(separator: "\n"))
            let first = try CLIProcess.run(["period", "close", "--through", "2026-05-14", "--database-url", url])
            #expect(first.status == 0 && first.out.hasPrefix("closed through 2026-05-14 (seq 9)"), "\(first.out)\(first.err)")
            let again = try CLIProcess.run(["period", "close", "--through", "2026-05-14", "--database-url", url, "--json"])
            #expect(again.status == 0 && again.out == #"{"status":"already_closed","through":"2026-05-14"}"# + "\n", "\(again.out)\(again.err)")
            let earlier = try CLIProcess.run(["period", "close", "--through", "2026-04-30", "--database-url", url])
            #expect(earlier.status == 0 && earlier.out.contains("already closed through 2026-05-14"), "\(earlier.out)")
            let future = try CLIProcess.run(["period", "close", "--through", "2999-12-31", "--database-url", url])
            #expect(future.status == 1 && future.err.contains("period_not_ended") && future.err.contains("2999-12-31 has not ended yet"), "\(future.err)")
            let bad = try CLIProcess.run(["period", "close", "--through", "14/05/2026", "--database-url", url])
            #expect(bad.status == 2, "\(bad.err)")
            let events = try PGConnection(url).execute("SELECT count(*) FROM ledger.events WHERE event_type = 'PeriodClosed'").int64(0, 0)
            #expect(events == 1)

            let path = SubmitProcessTests.write([
                Cmd.invoice("I1", price: "10.00", at: "2026-05-14T23:59:59.999999Z", n: "i1"),
                Cmd.invoice("I2", price: "10.00", at: "2026-05-15T00:00:00Z", n: "i2"),
            ])
            let r = try CLIProcess.run(["submit", "--database-url", url, "--json", path])
            #expect(r.status == 1)
            let lines = r.out.split(separator: "\n").map(String.init)
            #expect(lines.count == 2)
            #expect(lines.first?.contains(#""code":"period_closed","field":"at""#) == true, "\(lines)")
            #expect(lines.first?.contains("closed through 2026-05-14 (UTC)") == true)
            #expect(lines.last?.contains(#""status":"accepted""#) == true)
        }
    }

    @Test("submit's future skew: the option and TRADELEDGER_FUTURE_SKEW_SECONDS, range-checked without echoing the value")
    func futureSkewIsRangeCheckedWithoutEchoingTheValue() throws {
        #expect(try FutureSkew.resolve(option: nil, environment: [:]) == 300)
        #expect(try FutureSkew.resolve(option: nil, environment: ["TRADELEDGER_FUTURE_SKEW_SECONDS": "60"]) == 60)
        #expect(try FutureSkew.resolve(option: 0, environment: ["TRADELEDGER_FUTURE_SKEW_SECONDS": "60"]) == 0)
        #expect(throws: AppError.self) { try FutureSkew.resolve(option: 604_801, environment: [:]) }
        #expect(throws: AppError.self) { try FutureSkew.resolve(option: nil, environment: ["TRADELEDGER_FUTURE_SKEW_SECONDS": "4111111111111111"]) }
        let r = try CLIProcess.run(["submit", "--future-skew-seconds", "4111111111111111", "--database-url", "postgresql:///x?host=/nonexistent-tl", "-"])
        #expect(r.status == 2 && !r.err.contains("4111111111111111"), "\(r.err)")
    }
}
