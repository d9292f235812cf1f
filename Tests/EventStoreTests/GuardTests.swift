import EventStore
import Foundation
import LibPQ
import TestSupport
import Testing

/// Check-only expectations: a stream a command read and relies on without writing it (a
/// programme set, a period stream) is named in the chunk's expectations with no events.
@Suite("Event store check-only expectations") struct GuardTests {
    /// Waits, without a deadline on correctness, until `pid`'s backend waits on a lock.
    static func waitUntilWaitingOnALock(_ observer: PGConnection, pid: Int64) throws {
        for _ in 0..<6_000 {
            let r = try observer.execute("SELECT coalesce(wait_event_type = 'Lock', false) FROM pg_stat_activity WHERE pid = $1", [.int8(pid)])
            if r.rowCount == 1, try r.bool(0, 0) { return }
            usleep(5_000)
        }
        Issue.record("backend \(pid) never waited on a lock")
    }

    @Test("a check-only 'no stream' expectation fails when a writer that created the stream commits while the chunk waits for the head")
    func noStreamExpectationFailsWhenTheCreatorCommitsWhileTheChunkWaits() throws {
        try TestDatabase.with { url in
            let writer = try openStore(url), waiting = try openStore(url), observer = try PGConnection(url)
            let pid = Int64(try waiting.connection.execute("SELECT pg_backend_pid()::bigint").int64(0, 0))
            let result = LockedBox<String>("")
            let finished = DispatchSemaphore(value: 0)
            nonisolated(unsafe) let chunkStore = waiting
            try writer.connection.withTransaction { _ in
                // The writer creates set-1 and holds the ledger head until it commits.
                _ = try writer.append(request("w1", [("set-1", .noStream)], events: [("set-1", "listed")]))
                Thread.detachNewThread {
                    do {
                        _ = try chunkStore.appendBulk([request("c1", [("set-1", .noStream), ("own-1", .noStream)], events: [("own-1", "x")])])
                        result.mutate { $0 = "appended" }
                    } catch let e as EventStoreError where e.code == .versionConflict {
                        result.mutate { $0 = "conflict on \(e.stream ?? "")" }
                    } catch {
                        result.mutate { $0 = "\(error)" }
                    }
                    finished.signal()
                }
                try Self.waitUntilWaitingOnALock(observer, pid: pid)
            }
            finished.wait()
            #expect(result.value == "conflict on set-1")
            #expect(try writer.head().seq == 1)
            #expect(try writer.streamVersions(["own-1"]).isEmpty)
        }
    }

    @Test("a check-only expectation of an existing stream holds it at that version without writing it")
    func checkOnlyExpectationHoldsAStreamAtItsVersionWithoutWritingIt() throws {
        try TestDatabase.with { url in
            let s = try openStore(url)
            _ = try s.appendBulk([request("a", [("set-1", .noStream)], events: [("set-1", "one")])])
            _ = try s.appendBulk([request("b", [("set-1", .exact(1)), ("own-1", .noStream)], events: [("own-1", "x")])])
            #expect(try s.streamVersions(["set-1", "own-1"]) == ["set-1": 1, "own-1": 1])
            #expect(throws: EventStoreError.self) {
                try s.appendBulk([request("c", [("set-1", .noStream), ("own-2", .noStream)], events: [("own-2", "y")])])
            }
        }
    }
}
