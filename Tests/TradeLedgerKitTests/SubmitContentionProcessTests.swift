import EventStore
import Foundation
import LibPQ
import Projections
import TestSupport
import Testing
import TradeLedgerKit

/// Real `tradeledger submit` processes under contention: one busy subsidy programme, and a
/// session that holds the ledger head beyond the lock timeout.
@Suite("Submit processes under contention") struct SubmitContentionProcessTests {
    @Test("processes launched together and waited for in turn each return their stderr whole, well over a pipe buffer")
    func launchedProcessesReturnStderrOverAPipeBuffer() throws {
        // As in CLIArgumentTests: ArgumentParser quotes the refused 108 KB value on stderr. A
        // child whose stderr nobody reads until it exits blocks in its write past ~64 KB, so
        // waiting for the first to exit before reading any stderr would never return.
        let value = String(repeating: "sleeping-", count: 12_000)
        let args = ["invoices", "--status", value, "--database-url", "postgresql:///x?host=/nonexistent-tl&port=5999"]
        let launched = try (0..<2).map { _ in try CLIProcess.start(args) }
        for r in try launched.map({ try $0.wait() }) {
            #expect(r.status == 2)
            #expect(r.err.utf8.count > 108_000 && r.err.contains("The value '\(value)' is invalid"), "\(r.err.utf8.count) bytes")
        }
    }

    /// (command id, event type, body as text) of every event, in seq order.
    static func log(_ url: String) throws -> [(command: String, type: String, body: String)] {
        let r = try PGConnection(url).execute("SELECT command_id, event_type, convert_from(body, 'UTF8') FROM ledger.events ORDER BY seq")
        return try (0..<r.rowCount).map { (try r.string($0, 0), try r.string($0, 1), try r.string($0, 2)) }
    }

    @Test("four submit processes sharing one busy programme all finish: every capture accepted once, grants in log order, the budget used up exactly")
    func submittersSharingABusyProgrammeUseTheBudgetExactly() throws {
        #expect(FileManager.default.isExecutableFile(atPath: SubmitProcessTests.binary), "build the CLI first (swift build)")
        try TestDatabase.with { url in
            let files = 4, perFile = 1_000
            // P1: 3% of each 100.00 capture = 3.00 (300 minor units). 4,000 captures would earn
            // 12,000.00; the budget, 11,900.50, lasts for 3,966 full grants (1,189,800) and one of
            // 2.50 (250): every submitter's every batch writes to P1 until nearly the end.
            let budgetMinor: Int64 = 1_190_050
            var setup = Cmd.setup.map { $0.replacingOccurrences(of: #""budget":"100.00""#, with: #""budget":"11900.50""#) }
            for i in 0..<(files * perFile) { setup.append(Cmd.invoice("I\(i)", price: "100.00", at: "2026-05-15T01:00:00Z", n: "inv\(i)")) }
            try submit(url, setup.joined(separator: "\n"))
            let paths = (0..<files).map { f in
                SubmitProcessTests.write((0..<perFile).map { i in
                    Cmd.capture("P\(f)-\(i)", invoice: "I\(f * perFile + i)", amount: "100.00", at: "2026-05-15T03:00:00Z", n: "cap\(f)-\(i)")
                })
            }
            let processes = try (0..<files).map { f in
                try CLIProcess.start(["submit", "--database-url", url, "--dev-token-key", "--batch-commands", "250", paths[f]])
            }
            let ended = try processes.map { try $0.wait() }
            let errs = ended.map(\.err)
            #expect(ended.map(\.status) == Array(repeating: 0, count: files), "\(errs)")
            for e in errs { #expect(e.contains("\(perFile) accepted"), "\(e)") }

            // In log order, each capture got min(3.00, what the budget had left), until it was used up.
            var leftMinor = budgetMinor
            var captures = 0, granted: Int64 = 0
            var grantOf: [String: Int64] = [:]
            let log = try Self.log(url)
            for e in log where e.type == "SubsidyGranted" {
                let amount = try #require(e.body.firstMatch(of: /"amount":"(\d+)\.(\d\d)"/))
                grantOf[e.command] = Int64(amount.1)! * 100 + Int64(amount.2)!
            }
            for e in log where e.type == "PaymentCaptured" {
                captures += 1
                let expected = min(300, leftMinor)
                #expect((grantOf[e.command] ?? 0) == expected, "\(e.command): granted \(grantOf[e.command] ?? 0), expected \(expected)")
                leftMinor -= expected
                granted += grantOf[e.command] ?? 0
            }
            #expect(captures == files * perFile)
            #expect(Set(log.filter { $0.type == "PaymentCaptured" }.map(\.command)).count == files * perFile)
            #expect(granted == budgetMinor, "the budget is used up exactly")
            #expect(grantOf.values.filter { $0 == 250 }.count == 1 && grantOf.count == 3_967)

            let store = try openStore(url)
            _ = try ProjectionService(store: store).runOnce()
            let program = try ProjectionQueries(connection: store.connection, ledgerId: "main").subsidyPrograms()[0]
            #expect(program.remaining.isZero && program.granted.minorUnits == budgetMinor)
            _ = try ProjectionVerifier(store: store).run()
            _ = try ChainVerifier(store: store).run()
        }
    }

    @Test("a session holding the ledger head for 6 s: two submit processes wait through lock timeouts and both finish correctly")
    func submittersWaitThroughLockTimeoutsOnAHeldHead() throws {
        #expect(FileManager.default.isExecutableFile(atPath: SubmitProcessTests.binary), "build the CLI first (swift build)")
        try TestDatabase.with { url in
            let perFile = 20
            try submit(url, (Cmd.setup + (0..<(2 * perFile)).map {
                Cmd.invoice("I\($0)", price: "100.00", at: "2026-05-15T01:00:00Z", n: "inv\($0)")
            }).joined(separator: "\n"))
            let head = try openStore(url).head().seq
            let holder = try PGConnection(url)   // superuser, like an operator's psql session
            let holderPid = try holder.execute("SELECT pg_backend_pid()::bigint").int64(0, 0)
            try holder.executeScript("BEGIN; SELECT last_seq FROM ledger.log_heads WHERE ledger_id = 'main' FOR UPDATE;")
            let paths = (0..<2).map { f in
                SubmitProcessTests.write((0..<perFile).map { i in
                    Cmd.transfer("T\(f)-\(i)", invoice: "I\(f * perFile + i)", amount: "100.00", at: "2026-05-15T03:00:00Z", n: "t\(f)-\(i)")
                })
            }
            let processes = try (0..<2).map { f in
                try CLIProcess.start(["submit", "--database-url", url, "--dev-token-key", paths[f]])
            }
            // Both wait for the head; from then on it stays held 6 s, past the 5 s lock_timeout.
            let observer = try PGConnection(url)
            var waiting: Int64 = 0
            for _ in 0..<6_000 where waiting < 2 {
                waiting = try observer.execute("""
                    SELECT count(*) FROM pg_stat_activity
                     WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> $1
                    """, [.int8(holderPid)]).int64(0, 0)
                if waiting < 2 { usleep(5_000) }
            }
            #expect(waiting == 2, "both submitters wait for the ledger head")
            sleep(6)
            try holder.executeScript("ROLLBACK")
            let ended = try processes.map { try $0.wait() }
            let errs = ended.map(\.err)
            #expect(ended.map(\.status) == [0, 0], "\(errs)")
            for e in errs { #expect(e.contains("\(perFile) accepted (\(2 * perFile) events)"), "\(e)") }
            // The first to wait for the head waited 6 s on it and hit the 5 s lock_timeout; the
            // other may have queued behind it and started its wait afresh when it let go.
            #expect(errs.contains { $0.contains("lock retries") }, "a submitter waited through a lock timeout: \(errs)")
            let store = try openStore(url)
            #expect(try store.head().seq == head + Int64(4 * perFile))
            let paid = try store.connection.execute("SELECT count(*) FROM ledger.events WHERE event_type = 'PaymentReceived'").int64(0, 0)
            #expect(paid == Int64(2 * perFile))
            _ = try ChainVerifier(store: store).run()
        }
    }
}
