import EventStore
import LibPQ
import TestSupport
import Testing

/// `appendStreamedInOpenTransaction`: one command whose events are produced one at a time.
@Suite("Event store streamed bulk append") struct StreamedAppendTests {
    static func command(_ r: AppendRequest) -> StreamedAppend {
        var counts: [String: Int64] = [:]
        for e in r.events { counts[e.streamId, default: 0] += 1 }
        return StreamedAppend(commandId: r.commandId, requestHash: r.requestHash, expectations: r.expectations, eventCounts: counts)
    }

    /// The rows of the log as stored: everything but recorded_at (which the server's clock gives).
    static func rows(_ url: String) throws -> [String] {
        let c = try PGConnection(url)
        let r = try c.execute("""
            SELECT seq || '|' || stream_id || '|' || stream_version || '|' || event_id::text || '|' || event_type || '|' ||
                   schema_version || '|' || encode(body, 'hex') || '|' || command_id || '|' || effective_at::text
              FROM ledger.events ORDER BY seq
            """)
        return try (0..<r.rowCount).map { try r.string($0, 0) }
    }

    @Test("a streamed command appends the rows the array form appends, over several parts, chained and verifiable")
    func sameRowsAsArrayForm() throws {
        let streams = (0..<5).map { "s-\($0)" }
        let total = 2 * EventStore.bulkPartEventsMax + 17  // three parts
        let events = (0..<total).map { (streams[$0 % 5], "e\($0)") }
        var expectations = streams.map { ($0, ExpectedVersion.noStream) }
        expectations.append(("check-only-1", .noStream))
        let r = request("big", [("s-0", .exact(1))] + expectations.dropFirst(), events: events)
        var arrayRows: [String] = []
        try TestDatabase.with { url in
            let s = try openStore(url)
            _ = try s.append(request("c0", [("s-0", .noStream)], events: [("s-0", "x")]))
            try s.connection.withTransaction { _ in _ = try s.appendBulkInOpenTransaction([r]) }
            arrayRows = try Self.rows(url)
        }
        try TestDatabase.with { url in
            let s = try openStore(url)
            _ = try s.append(request("c0", [("s-0", .noStream)], events: [("s-0", "x")]))
            var produced = 0
            let outcome = try s.connection.withTransaction { _ in
                try s.appendStreamedInOpenTransaction(Self.command(r)) { emit in
                    for e in r.events { try emit(e); produced += 1 }
                }
            }
            #expect(produced == total && outcome == .appended(firstSeq: 2, lastSeq: Int64(total) + 1))
            #expect(try Self.rows(url) == arrayRows)
            let report = try ChainVerifier(store: s).run()
            #expect(report.eventsChecked == Int64(total) + 1 && report.headSeq == Int64(total) + 1)
            #expect(try s.knownCommands(["big"]).count == 1)
        }
    }

    @Test("a streamed command whose stream moved on, or that was appended already, writes nothing")
    func conflicts() throws {
        try TestDatabase.with { url in
            let s = try openStore(url)
            _ = try s.append(request("c0", [("s-1", .noStream)], events: [("s-1", "x")]))
            let moved = request("b1", [("s-2", .noStream), ("s-1", .noStream)], events: [("s-2", "a"), ("s-1", "b")])
            do {
                try s.connection.withTransaction { _ in
                    _ = try s.appendStreamedInOpenTransaction(Self.command(moved)) { emit in for e in moved.events { try emit(e) } }
                }
                Issue.record("appended on a stream that moved on")
            } catch let e as EventStoreError {
                #expect(e.code == .versionConflict)
            }
            let again = request("c0", [("s-9", .noStream)], events: [("s-9", "a")])
            #expect(throws: EventStoreError.commandsAlreadyAppended(["c0"])) {
                try s.connection.withTransaction { _ in
                    _ = try s.appendStreamedInOpenTransaction(Self.command(again)) { emit in for e in again.events { try emit(e) } }
                }
            }
            #expect(try s.head().seq == 1)
            #expect(try s.knownCommands(["b1"]).isEmpty && s.streamVersions(["s-2", "s-9"]).isEmpty)
        }
    }
}
