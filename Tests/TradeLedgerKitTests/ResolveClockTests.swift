import EventStore
import Foundation
import LedgerDomain
import Money
import Reconciliation
import TestSupport
import Testing
import TradeLedgerKit

/// `resolve` takes its business time from the database clock (`DatabaseClock.now`), as `submit`
/// does, never from the machine's clock: in the service and through the binary.
@Suite("resolve: business time from the database clock", .serialized)
struct ResolveClockTests {
    @Test("a resolution is effective at the database clock's now, in the service and in `resolve`, whatever the machine's clock says")
    func resolutionIsEffectiveAtTheDatabaseClock() throws {
        try TestDatabase.with { url in
            let (prefix, records) = try ReconcileTests.reconciled(url, clockAt: "2026-05-21T06:30:00+08:00")
            let pinned = try Timestamp(rfc3339: "2026-05-20T22:30:00Z")

            let mismatch = "\(prefix)-\(records[3])"
            _ = try ExceptionService(store: try openStore(url)).resolve(exceptionId: mismatch, resolution: "accept",
                                                                        note: "Visa short-paid one dollar", amount: nil)
            let service = try ReconcileTests.resolution(url, mismatch)
            #expect(service.effectiveAt == pinned, "\(service.effectiveAt.rfc3339)")
            // The command id carries the same instant (base 36 microseconds).
            #expect(service.commandId == "resolve-\(mismatch)-at-\(String(pinned.microsecondsSinceEpoch, radix: 36))", "\(service.commandId ?? "")")

            let duplicate = "\(prefix)-\(records[6])"
            let cli = try CLIProcess.run(["resolve", duplicate, "--resolution", "write-off", "--note", "presented twice", "--database-url", url])
            #expect(cli.status == 0, "\(cli.err)")
            let viaCLI = try ReconcileTests.resolution(url, duplicate)
            #expect(viaCLI.effectiveAt == pinned, "\(viaCLI.effectiveAt.rfc3339)")
        }
    }

    @Test("right after `period close` through a day the database clock has ended, `resolve` is accepted, dated after the closed period")
    func resolveAfterPeriodCloseOnTheDatabaseClock() throws {
        try TestDatabase.with { url in
            // A database clock 30 minutes into 2031: 2030-12-31 (UTC) has ended and can be closed.
            let (prefix, records) = try ReconcileTests.reconciled(url, clockAt: "2031-01-01T00:30:00Z")
            let close = try CLIProcess.run(["period", "close", "--through", "2030-12-31", "--database-url", url])
            #expect(close.status == 0, "\(close.out)\(close.err)")

            let missing = "\(prefix)-\(records[5])"
            let cli = try CLIProcess.run(["resolve", missing, "--resolution", "accept", "--note", "unknown presentment", "--database-url", url])
            #expect(cli.status == 0, "\(cli.err)")
            #expect(!cli.err.contains("closed period"), "\(cli.err)")
            let resolved = try ReconcileTests.resolution(url, missing)
            #expect(resolved.effectiveAt == (try Timestamp(rfc3339: "2031-01-01T00:30:00Z")), "\(resolved.effectiveAt.rfc3339)")
        }
    }
}
