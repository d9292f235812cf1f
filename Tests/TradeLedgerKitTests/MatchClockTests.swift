import EventStore
import Foundation
import LedgerDomain
import Money
import Reconciliation
import TestSupport
import Testing
import TradeLedgerKit

/// `match` takes its business time from the database clock (`DatabaseClock.now`), never from the
/// machine's clock: in the service and through the binary.
@Suite("match: business time from the database clock", .serialized)
struct MatchClockTests {
    @Test("a manual match is effective at the database clock's now, in the service and in `match`, whatever the machine's clock says")
    func manualMatchIsEffectiveAtTheDatabaseClock() throws {
        try TestDatabase.with { url in
            // 06:30 on 05-21 in Hong Kong is 22:30 on 05-20 UTC.
            let (prefix, records) = try ReconcileTests.reconciled(url, clockAt: "2026-05-21T06:30:00+08:00")
            let pinned = try Timestamp(rfc3339: "2026-05-20T22:30:00Z")

            let ambiguous = "\(prefix)-\(records[10])"  // 50.00 HKD, PAY8 or PAY9
            _ = try ExceptionService(store: try openStore(url)).match(exceptionId: ambiguous, paymentId: "PAY8", note: "card holder confirmed")
            let cli = try CLIProcess.run(["match", "MIF-C-PAY7", "--payment", "PAY7", "--note", "seen on the Visa portal", "--database-url", url])
            #expect(cli.status == 0, "\(cli.err)")

            for exceptionId in [ambiguous, "MIF-C-PAY7"] {
                let resolved = try ReconcileTests.resolution(url, exceptionId)
                #expect(resolved.effectiveAt == pinned, "\(exceptionId): \(resolved.effectiveAt.rfc3339)")
                #expect(resolved.body.contains(#""effectiveAt":"2026-05-20T22:30:00Z""#), "\(resolved.body)")
            }
        }
    }
}
