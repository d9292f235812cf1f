import EventStore
import Foundation
import LibPQ
import Projections
import TestSupport
import Testing
import TradeLedgerKit

/// Tests that run the real `tradeledger` binary (built by `swift build`), as operators do.
@Suite("Submit processes") struct SubmitProcessTests {
    static let binary = CLIProcess.binary

    static func write(_ lines: [String]) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tl-\(UUID().uuidString).ndjson").path
        FileManager.default.createFile(atPath: path, contents: Data((lines.joined(separator: "\n") + "\n").utf8))
        return path
    }

    @Test("two submit processes racing on the same invoices and subsidy programme: no overpayment, no overspend, no duplicates")
    func racingSubmittersNeitherOverpayOverspendNorDuplicate() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "build the CLI first (swift build)")
        try TestDatabase.with { url in
            let invoices = 30
            var setup = Cmd.setup.map { $0.replacingOccurrences(of: #""budget":"100.00""#, with: #""budget":"20.00""#) }
            for i in 0..<invoices { setup.append(Cmd.invoice("I\(i)", price: "100.00", at: "2026-05-15T01:00:00Z", n: "inv\(i)")) }
            try submit(url, setup.joined(separator: "\n"))
            // Each invoice gets a 60.00 capture from both files: only one of each pair fits.
            let fileA = Self.write((0..<invoices).map { Cmd.capture("PA\($0)", invoice: "I\($0)", amount: "60.00", at: "2026-05-15T03:00:00Z", n: "a\($0)") })
            let fileB = Self.write((0..<invoices).reversed().map { Cmd.capture("PB\($0)", invoice: "I\($0)", amount: "60.00", at: "2026-05-15T03:00:00Z", n: "b\($0)") })
            let args = ["submit", "--database-url", url, "--dev-token-key", "--batch-commands", "3"]
            let a = try CLIProcess.start(args + [fileA]), b = try CLIProcess.start(args + [fileB])
            let (ra, rb) = (try a.wait(), try b.wait())
            #expect([ra.status, rb.status].allSatisfy { $0 == 0 || $0 == 1 })

            let store = try openStore(url)
            _ = try ProjectionService(store: store).runOnce()
            let q = ProjectionQueries(connection: store.connection, ledgerId: "main")
            let all = try q.invoices()
            #expect(all.count == invoices)
            for inv in all { #expect(inv.paid.decimalString == "60.00", "\(inv.invoiceId) paid \(inv.paid)") }
            let program = try q.subsidyPrograms()[0]
            #expect(program.granted.minorUnits - program.reversed.minorUnits <= program.budget.minorUnits)
            #expect(program.remaining.isZero, "30 captures × 1.80 exceed the 20.00 budget: it must be used up exactly")
            let captures = try store.connection.execute("SELECT count(*), count(DISTINCT stream_id) FROM ledger.events WHERE event_type = 'PaymentCaptured'")
            #expect(try captures.int64(0, 0) == Int64(invoices) && captures.int64(0, 1) == Int64(invoices))
            _ = try ProjectionVerifier(store: store).run()
            _ = try ChainVerifier(store: store).run()
        }
    }

    @Test("a submit killed with SIGKILL mid-file, then rerun, ends identical to an uninterrupted run")
    func killedAndRerunSubmitEndsLikeAnUninterruptedRun() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "build the CLI first (swift build)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tl-gen-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/commands.ndjson"
        try ScenarioGenerator(merchants: 8, buyers: 40, payments: 6_000, seed: 5).write(to: path)
        func events(_ url: String) throws -> [String] {
            let c = try PGConnection(url)
            let r = try c.execute("SELECT seq::text, stream_id, stream_version::text, event_type, encode(body, 'hex') FROM ledger.events ORDER BY seq")
            return try (0..<r.rowCount).map { row in try (0..<5).map { try r.string(row, $0) }.joined(separator: "|") }
        }
        let clean: [String] = try TestDatabase.with { url in
            let p = try CLIProcess.start(["submit", "--database-url", url, "--dev-token-key", "--batch-commands", "500", path])
            #expect(try p.wait().status == 1)  // the generator's invalid commands
            return try events(url)
        }
        try TestDatabase.with { url in
            let store = try openStore(url)
            let args = ["submit", "--database-url", url, "--dev-token-key", "--batch-commands", "500", path]
            let p = try CLIProcess.start(args)
            var waited = 0
            while try store.head().seq < 2_000 && p.isRunning && waited < 10_000 { usleep(2_000); waited += 1 }
            kill(p.processIdentifier, SIGKILL)
            _ = try p.wait()
            let partial = try store.head().seq
            #expect(partial > 0 && partial < Int64(clean.count), "the run was not interrupted mid-file (head \(partial))")
            let again = try CLIProcess.start(args)
            #expect(try again.wait().status == 1)
            let after = try events(url)
            #expect(after.count == clean.count)
            #expect(after == clean, "events differ from an uninterrupted run")
            let dup = try store.connection.execute("SELECT count(*) - count(DISTINCT command_id) FROM ledger.commands").int64(0, 0)
            #expect(dup == 0)
        }
    }
}
