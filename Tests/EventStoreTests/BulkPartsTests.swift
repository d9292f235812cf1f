import EventStore
import Foundation
import LibPQ
import TestSupport
import Testing

/// A bulk chunk goes to the server in parts (`ledger.bulk_move` per part, schema/014), and a
/// transaction cannot end with a bulk append half done.
@Suite("Bulk append in parts") struct BulkPartsTests {
    func appLogin(_ url: String) throws -> PGConnection { try PGConnection(try TestDatabase.asApplicationLogin(url)) }

    /// Events whose stream version is not their rank in their stream by seq (0 when every stream's
    /// versions run 1...n along seq).
    func misorderedVersions(_ c: PGConnection) throws -> Int64 {
        try c.execute("""
            SELECT count(*) FROM (
              SELECT stream_version, row_number() OVER (PARTITION BY stream_id ORDER BY seq) AS rn FROM ledger.events
            ) x WHERE stream_version <> rn
            """).int64(0, 0)
    }

    @Test("a chunk of several parts appends every event once, streams spanning parts in version order, and verifies")
    func chunkOfSeveralParts() throws {
        try TestDatabase.with { url in
            let c = try appLogin(url)
            let s = EventStore(connection: c, ledgerId: "main")
            _ = try s.append(request("c0", [("s-0", .noStream)], events: [("s-0", "first")]))
            // 3 parts and a bit: commands of 3 events, each on one of 7 streams (so every stream's
            // events span every part) plus a stream of its own.
            let commands = (EventStore.bulkPartEventsMax * 3 + 100) / 3
            let requests = (1...commands).map { i in
                request("c\(i)", [("s-\(i % 7)", .any), ("own-\(i)", .noStream)],
                        events: [("s-\(i % 7)", "a\(i)"), ("own-\(i)", "b\(i)"), ("s-\(i % 7)", "c\(i)")])
            }
            let outcomes = try s.appendBulk(requests)
            #expect(outcomes.count == commands)
            var next: Int64 = 2
            for o in outcomes {
                #expect(o.seqRange == next...(next + 2))
                next += 3
            }
            let total = Int64(1 + 3 * commands)
            #expect(try s.head().seq == total)
            #expect(try ChainVerifier(store: s).run().eventsChecked == total)
            // Versions 1...n along seq on every stream, and each stream row at its last version.
            #expect(try misorderedVersions(c) == 0)
            let stale = try c.execute("""
                SELECT count(*) FROM ledger.streams st
                 WHERE st.version <> (SELECT max(e.stream_version) FROM ledger.events e
                                       WHERE e.ledger_id = st.ledger_id AND e.stream_id = st.stream_id)
                """).int64(0, 0)
            #expect(stale == 0)
            #expect(try c.execute("SELECT count(*) FROM ledger.commands").int64(0, 0) == Int64(commands + 1))
            #expect(try c.execute("SELECT count(*) FROM ledger.commands WHERE last_seq - first_seq <> 2 AND command_id <> 'c0'").int64(0, 0) == 0)
        }
    }

    @Test("bulk_prepare gives each stream its version before the chunk, in the order given, check-only streams among written ones")
    func basesWithCheckOnlyStreams() throws {
        try TestDatabase.with { url in
            let c = try appLogin(url)
            let s = EventStore(connection: c, ledgerId: "main")
            _ = try s.append(request("c0", [("a-1", .noStream)], events: [("a-1", "x"), ("a-1", "y")]))
            _ = try s.append(request("c1", [("c-1", .noStream)], events: [("c-1", "x"), ("c-1", "y"), ("c-1", "z")]))
            _ = try s.append(request("c2", [("e-1", .noStream)], events: [("e-1", "x")]))
            // a-1 gets 2 events (at 2), b-1 is check-only and absent, c-1 check-only at 3, d-1 is
            // new with 1 event, e-1 gets 1 (at 1): the streams with events are the 1st, 4th and 5th.
            try c.execute("BEGIN")
            let r = try c.execute("""
                SELECT array_to_string(bases, ',') FROM ledger.bulk_prepare('main', '{a-1,b-1,c-1,d-1,e-1}', '{-1,0,3,0,1}', '{2,0,0,1,1}')
                """)
            #expect(try r.string(0, 0) == "2,0,3,0,1")
            // Only the streams with events moved: a-1 to 4, d-1 created at 1, e-1 to 2; c-1 stays.
            let versions = try c.execute("""
                SELECT string_agg(stream_id || '=' || version, ',' ORDER BY stream_id) FROM ledger.streams
                """).string(0, 0)
            #expect(versions == "a-1=4,c-1=3,d-1=1,e-1=2")
            // A check-only expectation that does not hold is refused, naming the stream.
            try c.execute("ROLLBACK")
            try c.execute("BEGIN")
            #expect(throws: PGError.self) {
                _ = try c.execute("SELECT * FROM ledger.bulk_prepare('main', '{a-1,c-1}', '{-1,2}', '{1,0}')")
            }
            try c.execute("ROLLBACK")
            #expect(try s.head().seq == 6)
        }
    }

    /// Stages one valid row for a new stream `n-1` after a real bulk_prepare.
    func prepareAndStage(_ c: PGConnection) throws -> PGTimestamp {
        let h = try c.execute("SELECT last_seq, last_hash, recorded_at FROM ledger.bulk_prepare('main', '{n-1}', '{0}', '{1}')")
        let (seq, prev, at) = (try h.int64(0, 0) + 1, try h.bytes(0, 1), try h.timestamp(0, 2))
        let id = EventHash.eventId(ledgerId: "main", commandId: "c9", index: 0)
        let body = Array(#"{"v":"1"}"#.utf8)
        let hash = EventHash.computeV2(prevHash: prev, ledgerId: "main", seq: seq, streamId: "n-1", streamVersion: 1, eventId: id,
                                       eventType: "TestEvent", schemaVersion: 1, recordedAtMicros: at.microsecondsSinceUnixEpoch,
                                       effectiveAtMicros: at.microsecondsSinceUnixEpoch, commandId: "c9", metadata: nil, body: body)
        try c.copyIn("COPY pg_temp.append_stage (seq, stream_id, stream_version, event_id, event_type, schema_version, body, command_id, recorded_at, effective_at, prev_hash, hash) FROM STDIN (FORMAT binary)") { w in
            try w.write(PGBinaryCopyEncoder.header)
            try w.withBuffer { out in
                EventStore.encodeCopyRow(ledgerId: nil, seq: seq, streamId: "n-1", streamVersion: 1, eventId: id, eventType: "TestEvent",
                                         schemaVersion: 1, body: body, commandId: "c9", recordedAt: at, effectiveAt: at,
                                         prevHash: prev, hash: hash, into: &out)
            }
            try w.write(PGBinaryCopyEncoder.trailer)
        }
        return at
    }

    @Test("a transaction that ends between bulk_prepare and bulk_commit fails at COMMIT and leaves no stream, event or head change")
    func commitWithoutBulkCommitRefused() throws {
        try TestDatabase.with { url in
            let c = try appLogin(url)
            let s = EventStore(connection: c, ledgerId: "main")
            _ = try s.append(request("c1", [("a-1", .noStream)], events: [("a-1", "x")]))
            let head = try s.head()
            let attempts: [(String, (PGConnection) throws -> Void)] = [
                ("prepare only", { c in _ = try c.execute("SELECT * FROM ledger.bulk_prepare('main', '{n-1}', '{0}', '{1}')") }),
                ("prepare, stage", { c in _ = try prepareAndStage(c) }),
                ("prepare, stage, move", { c in
                    let at = try prepareAndStage(c)
                    #expect(try c.execute("SELECT ledger.bulk_move('main', $1)", [.timestamptz(at)]).int64(0, 0) == 1)
                }),
                ("prepare, SET CONSTRAINTS ALL IMMEDIATE", { c in
                    _ = try c.execute("SELECT * FROM ledger.bulk_prepare('main', '{n-1}', '{0}', '{1}')")
                    try c.executeScript("SET CONSTRAINTS ALL IMMEDIATE")
                }),
            ]
            for (what, steps) in attempts {
                do {
                    try c.withTransaction { c in try steps(c) }
                    Issue.record("committed: \(what)")
                } catch {
                    // At COMMIT, or at SET CONSTRAINTS … IMMEDIATE in the body.
                    let e = (error as? PGError) ?? ((error as? PGTransactionError)?.underlying as? PGError)
                    #expect(e?.sqlState == SQLState.bulkRefused && e?.message.contains("between bulk_prepare and bulk_commit") == true,
                            "\(what): \(error)")
                }
                #expect(try s.head() == head, "\(what)")
                #expect(try c.execute("SELECT count(*) FROM ledger.streams WHERE stream_id = 'n-1'").int64(0, 0) == 0, "\(what)")
                #expect(try c.execute("SELECT count(*) FROM ledger.events").int64(0, 0) == head.seq, "\(what)")
            }
            // The same steps ended by bulk_commit commit.
            try c.withTransaction { c in
                let at = try prepareAndStage(c)
                _ = try c.execute("SELECT * FROM ledger.bulk_commit('main', $1, '{c9}', $2)", [.timestamptz(at), .byteaArray([[1]])])
            }
            #expect(try s.head().seq == head.seq + 1)
            #expect(try ChainVerifier(store: s).run().eventsChecked == head.seq + 1)
        }
    }

    /// schema/015: bulk_prepare moves existing streams to their final version in its one pass and
    /// derives the bases from it; with a check-only stream in the chunk it looks them up instead.
    /// bulk_move hashes with the chunk's constants; every stored hash must still be event_hash_v2's.
    @Test("bulk streams: new, existing with events, existing and absent check-only get the right versions, and every hash is event_hash_v2's")
    func bulkStreamVersionsAndServerHash() throws {
        try TestDatabase.with { url in
            let c = try appLogin(url)
            let s = EventStore(connection: c, ledgerId: "main")
            _ = try s.append(request("c0", [("x-1", .noStream), ("x-2", .noStream)], events: [("x-1", "a"), ("x-2", "b")]))
            // Non-ASCII command ids and bodies: the server's length prefixes are UTF-8 byte lengths.
            let fast = [request("cmd-é-1", [("x-1", .exact(1)), ("n-1", .noStream)], events: [("x-1", "ü"), ("n-1", "€")]),
                        request("cmd-é-2", [("x-1", .any)], events: [("x-1", "d")])]
            #expect(try s.appendBulk(fast).map(\.seqRange) == [3...4, 5...5])
            let mixed = [request("cmd-ö-3", [("x-1", .exact(3)), ("x-2", .exact(1)), ("absent-1", .noStream), ("n-2", .noStream)],
                                 events: [("x-1", "e"), ("n-2", "f"), ("x-1", "g")])]
            #expect(try s.appendBulk(mixed).map(\.seqRange) == [6...8])
            let versions = try c.execute("SELECT stream_id, version FROM ledger.streams ORDER BY stream_id")
            var got: [String: Int64] = [:]
            for r in 0..<versions.rowCount { got[try versions.string(r, 0)] = try versions.int64(r, 1) }
            #expect(got == ["n-1": 1, "n-2": 1, "x-1": 5, "x-2": 1])
            #expect(try misorderedVersions(c) == 0)
            let differing = try c.execute("""
                SELECT count(*) FROM ledger.events
                 WHERE hash IS DISTINCT FROM ledger.event_hash_v2(prev_hash, ledger_id, seq, stream_id, stream_version, event_id, event_type,
                                                                  schema_version, recorded_at, effective_at, command_id, metadata, body)
                """).int64(0, 0)
            #expect(differing == 0)
            #expect(try ChainVerifier(store: s).run().eventsChecked == 8)

            // A failed expectation on either path names its stream and changes nothing.
            for (stream, chunk) in [("x-2", [request("c9", [("x-1", .any), ("x-2", .exact(7))], events: [("x-1", "h")])]),
                                    ("x-1", [request("c9", [("x-1", .exact(2))], events: [("x-1", "h")])])] {
                do {
                    _ = try s.appendBulk(chunk)
                    Issue.record("a stale expectation on \(stream) was accepted")
                } catch let e as EventStoreError {
                    #expect(e.code == .versionConflict && e.stream == stream, "\(e)")
                }
                #expect(try s.head().seq == 8)
                #expect(try c.execute("SELECT version FROM ledger.streams WHERE stream_id = 'x-1'").int64(0, 0) == 5)
            }
        }
    }
}
