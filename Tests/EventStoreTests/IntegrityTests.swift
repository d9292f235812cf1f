import EventStore
import Foundation
import LibPQ
import TestSupport
import Testing

@Suite("Event store integrity") struct IntegrityTests {
    @Test("the application role cannot UPDATE, DELETE or TRUNCATE events")
    func appRoleCannotUpdateDeleteOrTruncateEvents() throws {
        try TestDatabase.with { url in
            let s = try openStore(url)
            _ = try s.append(request("c1", [("a-1", .noStream)], events: [("a-1", "x")]))
            for sql in ["UPDATE ledger.events SET body = '\\x00'", "DELETE FROM ledger.events", "TRUNCATE ledger.events"] {
                do { try s.connection.execute(sql); Issue.record("\(sql) succeeded") } catch let e as PGError {
                    #expect(e.isInsufficientPrivilege, "\(sql): \(e)")
                }
            }
            // Even the owner is stopped by the trigger.
            let owner = try PGConnection(url)
            try owner.executeScript("SET ROLE tradeledger_owner")
            for sql in ["UPDATE ledger.events SET body = '\\x00'", "DELETE FROM ledger.events", "TRUNCATE ledger.events"] {
                do { try owner.execute(sql); Issue.record("\(sql) succeeded") } catch let e as PGError {
                    #expect(e.sqlState == SQLState.appendOnly, "\(sql): \(e)")
                }
            }
            #expect(try s.head().seq == 1)
        }
    }

    @Test("a superuser's edit of one event body (trigger disabled) is found by verify, naming its seq")
    func verifyFindsAnEditedBodyNamingItsSeq() throws {
        try TestDatabase.with { url in
            let s = try openStore(url)
            for i in 1...20 { _ = try s.append(request("c\(i)", [("a-\(i % 3)", .any)], events: [("a-\(i % 3)", "\(i)")])) }
            #expect(try ChainVerifier(store: s).run().eventsChecked == 20)
            let su = try PGConnection(url)
            try su.executeScript("""
                ALTER TABLE ledger.events DISABLE TRIGGER events_append_only;
                UPDATE ledger.events SET body = convert_to('{"v":"999"}', 'UTF8') WHERE seq = 13;
                ALTER TABLE ledger.events ENABLE TRIGGER events_append_only;
                """)
            #expect(throws: EventStoreError.chainBroken(seq: 13, reason: "stored hash does not match the event's contents")) {
                try ChainVerifier(store: s).run()
            }
            // A deleted row is a gap: the catch-up reader stops at it.
            try su.executeScript("""
                ALTER TABLE ledger.events DISABLE TRIGGER events_append_only;
                DELETE FROM ledger.events WHERE seq = 7;
                ALTER TABLE ledger.events ENABLE TRIGGER events_append_only;
                """)
            var reader = try LedgerReader(store: s)
            #expect(throws: EventStoreError.chainBroken(seq: 7, reason: "seq 7 is missing (next is 8)")) {
                while try !reader.next().isEmpty {}
            }
        }
    }

    @Test("a bulk append killed with SIGKILL leaves whole chunks; re-running completes it exactly once")
    func killedBulkAppendLeavesWholeChunksAndRerunCompletesOnce() throws {
        try TestDatabase.with { url in
            #expect(FileManager.default.isExecutableFile(atPath: CLIProcess.binary), "build the CLI first (swift build)")
            let commands = 60_000, chunk = 2_000
            func launch() throws -> CLIProcess.Running {
                try CLIProcess.start(["dev", "append-synthetic", "--database-url", url, "--commands", "\(commands)", "--chunk-events", "\(chunk)"])
            }
            let s = try openStore(url)
            let p = try launch()
            // Wait until some chunks are in, then kill it in the middle of the run.
            var waited = 0
            while try s.head().seq < Int64(chunk * 3) && p.isRunning && waited < 3_000 { usleep(2_000); waited += 1 }
            kill(p.processIdentifier, SIGKILL)
            _ = try p.wait()
            #expect(p.terminationReason == .uncaughtSignal)
            let afterKill = try s.head().seq
            #expect(afterKill % Int64(chunk) == 0, "a partial chunk is visible: head at \(afterKill)")
            #expect(afterKill < Int64(commands), "the run finished before it was killed; nothing was tested")
            let again = try launch().wait()
            #expect(again.status == 0, "\(again.err)")
            #expect(try s.head().seq == Int64(commands))
            let distinct = try s.connection.execute("SELECT count(DISTINCT command_id), count(*) FROM ledger.events")
            #expect(try distinct.int64(0, 0) == Int64(commands) && distinct.int64(0, 1) == Int64(commands))
            #expect(try ChainVerifier(store: s).run().eventsChecked == Int64(commands))
        }
    }
}
