import EventStore
import Foundation
import LibPQ
import TestSupport
import Testing
import TradeLedgerKit

/// The real `tradeledger reconcile` process: killed mid-import, and its exit codes.
@Suite("reconcile processes", .serialized)
struct ReconcileProcessTests {
    static let binary = CLIProcess.binary
    /// Polls for the pause marker at this interval, for at most `markerPollsMax` polls.
    static let markerPollMilliseconds: UInt32 = 50
    static let markerPollsMax = 1_200

    @Test("SIGKILL after everything is written but before COMMIT leaves nothing; the rerun completes")
    func sigkillMidImport() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "build the CLI first (swift build)")
        try TestDatabase.with { url in
            try ReconcileTests.ledger(url)
            let (path, _) = ReconcileTests.scenarioFile()
            defer { try? FileManager.default.removeItem(atPath: path) }
            let before = try Recon.head(url)
            let marker = FileManager.default.temporaryDirectory.appendingPathComponent("tl-pause-\(UUID().uuidString)").path
            let p = try CLIProcess.start(["reconcile", path, "--database-url", url, "--dev-token-key"],
                                         environment: ["TRADELEDGER_RECONCILE_PAUSE_BEFORE_COMMIT": marker])
            var polls = 0
            while !FileManager.default.fileExists(atPath: marker) && polls < Self.markerPollsMax && p.isRunning {
                usleep(Self.markerPollMilliseconds * 1000)
                polls += 1
            }
            #expect(FileManager.default.fileExists(atPath: marker), "the import reached the point before COMMIT")
            kill(p.processIdentifier, SIGKILL)
            _ = try p.wait()
            try? FileManager.default.removeItem(atPath: marker)
            #expect(p.terminationReason == .uncaughtSignal)

            let c = try openStore(url).connection
            #expect(try Recon.head(url) == before)
            #expect(try c.execute("SELECT count(*) FROM recon.files").int64(0, 0) == 0)
            #expect(try c.execute("SELECT count(*) FROM recon.matches").int64(0, 0) == 0)

            let rerun = try Recon.reconcile(url, path).report
            #expect(!rerun.alreadyImported && rerun.outcomes[.matched] == 5)
            #expect(try Recon.head(url) == before + Int64(rerun.eventsAppended))
        }
    }

    @Test("exit codes: 1 with exceptions (JSON report on stdout), 0 for the same bytes again, 2 for usage")
    func exitCodes() throws {
        try TestDatabase.with { url in
            try ReconcileTests.ledger(url)
            let (path, _) = ReconcileTests.scenarioFile()
            defer { try? FileManager.default.removeItem(atPath: path) }
            func run(_ args: [String]) throws -> (Int32, String) {
                let r = try CLIProcess.run(args)
                return (r.status, r.out)
            }
            let (first, json) = try run(["reconcile", path, "--database-url", url, "--dev-token-key", "--json"])
            // The CLI's development key is not the key the ledger's tokenRefs were made with, so the
            // fallback line (PAY3) finds nothing: 4 matched, 9 exceptions.
            #expect(first == 1 && json.contains("\"outcomes\":{\"matched\":4,") && json.contains("\"exceptionsOpened\":9"))
            let (second, again) = try run(["reconcile", path, "--database-url", url, "--dev-token-key", "--json"])
            #expect(second == 0 && again.contains("\"alreadyImported\":true"))
            let (usage, _) = try run(["reconcile", path, "--database-url", url, "--grace-days", "-1"])
            #expect(usage == 2)
            let (listed, table) = try run(["exceptions", "--open", "--database-url", url, "--csv"])
            #expect(listed == 0 && table.split(separator: "\n").count == 10)
        }
    }
}
