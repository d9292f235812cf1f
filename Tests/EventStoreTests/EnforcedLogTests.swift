import EventStore
import Foundation
import LibPQ
import TestSupport
import Testing

/// The database enforces the log (schema/008): as a login member of the application role,
/// every direct write is refused, and the write functions refuse what a correct writer would
/// not have written.
@Suite("The database enforces the log") struct EnforcedLogTests {
    /// A connection as the non-superuser login member of tradeledger_app.
    func appLogin(_ url: String) throws -> PGConnection {
        let c = try PGConnection(try TestDatabase.asApplicationLogin(url))
        #expect(try c.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").bool(0, 0) == false)
        return c
    }

    @Test("a login member of the app role cannot insert, update, delete, truncate, alter or create in the ledger schema")
    func directWritesDenied() throws {
        try TestDatabase.with { url in
            let c = try appLogin(url)
            let s = EventStore(connection: c, ledgerId: "main")
            _ = try s.append(request("c1", [("a-1", .noStream)], events: [("a-1", "x")]))
            let head = try s.head()
            let attempts = [
                "INSERT INTO ledger.events (ledger_id, seq, stream_id, stream_version, event_id, event_type, schema_version, body, recorded_at, effective_at, prev_hash, hash) VALUES ('main', 1001, 'a-1', 2, gen_random_uuid(), 'X', 1, '\\x00', now(), now(), '\\x00', '\\x00')",
                "UPDATE ledger.log_heads SET last_seq = 0",
                "UPDATE ledger.streams SET version = 0",
                "UPDATE ledger.commands SET first_seq = NULL",
                "INSERT INTO ledger.commands (ledger_id, command_id, request_hash) VALUES ('main', 'forged', '\\x00')",
                "INSERT INTO ledger.streams (ledger_id, stream_id, stream_type, version) VALUES ('main', 'a-9', 'a', 5)",
                "DELETE FROM ledger.events",
                "DELETE FROM ledger.commands",
                "TRUNCATE ledger.events",
                "TRUNCATE ledger.log_heads",
                "ALTER TABLE ledger.events DISABLE TRIGGER events_append_only",
                "ALTER TABLE ledger.log_heads ADD COLUMN x int",
                "CREATE TABLE ledger.shadow (x int)",
                "CREATE FUNCTION ledger.f() RETURNS int LANGUAGE sql RETURN 1",
                "DROP FUNCTION ledger.bulk_commit(text, timestamptz, text[], bytea[])",
            ]
            for sql in attempts {
                do { try c.execute(sql); Issue.record("allowed: \(sql)") } catch let e as PGError {
                    #expect(e.isInsufficientPrivilege || e.sqlState == SQLState.insufficientPrivilege, "\(sql): \(e)")
                }
            }
            #expect(try s.head() == head)
            #expect(try ChainVerifier(store: s).run().eventsChecked == 1)
        }
    }

    @Test("the report role reads projections and nothing of the log")
    func reportRoleReadsProjectionsAndNothingOfTheLog() throws {
        try TestDatabase.with { url in
            let c = try PGConnection(url)
            try c.executeScript("SET ROLE tradeledger_report")
            _ = try c.execute("SELECT count(*) FROM proj.balances")
            for sql in ["SELECT count(*) FROM ledger.events", "SELECT count(*) FROM ledger.commands", "DELETE FROM proj.balances"] {
                do { try c.execute(sql); Issue.record("allowed: \(sql)") } catch let e as PGError {
                    #expect(e.isInsufficientPrivilege, "\(sql): \(e)")
                }
            }
        }
    }

    /// Stages hand-made rows after a real bulk_prepare and returns bulk_commit's error.
    func commitStaged(_ c: PGConnection, streams: [String] = ["a-1"], expected: [Int64] = [-1], added: [Int64] = [1],
                      commands: [String] = ["c2"],
                      rows: (_ headSeq: Int64, _ headHash: [UInt8], _ at: PGTimestamp) -> [(seq: Int64, stream: String, version: Int64, command: String, prev: [UInt8]?, hash: [UInt8]?)]) throws -> PGError? {
        do {
            try c.withTransaction { c in
                let h = try c.execute("SELECT last_seq, last_hash, recorded_at FROM ledger.bulk_prepare('main', $1, $2, $3)",
                                      [.textArray(streams), .int8Array(expected), .int8Array(added)])
                let (seq, hash, at) = (try h.int64(0, 0), try h.bytes(0, 1), try h.timestamp(0, 2))
                var prev = hash
                try c.copyIn("COPY pg_temp.append_stage (seq, stream_id, stream_version, event_id, event_type, schema_version, body, command_id, recorded_at, effective_at, prev_hash, hash) FROM STDIN (FORMAT binary)") { w in
                    try w.write(PGBinaryCopyEncoder.header)
                    for (i, r) in rows(seq, hash, at).enumerated() {
                        let id = EventHash.eventId(ledgerId: "main", commandId: r.command, index: Int32(i))
                        let body = Array(#"{"v":"1"}"#.utf8)
                        let p = r.prev ?? prev
                        let computed = EventHash.computeV2(prevHash: p, ledgerId: "main", seq: r.seq, streamId: r.stream, streamVersion: r.version,
                                                           eventId: id, eventType: "TestEvent", schemaVersion: 1,
                                                           recordedAtMicros: at.microsecondsSinceUnixEpoch, effectiveAtMicros: at.microsecondsSinceUnixEpoch,
                                                           commandId: r.command, metadata: nil, body: body)
                        let hh = r.hash ?? computed
                        try w.withBuffer { out in
                            EventStore.encodeCopyRow(ledgerId: nil, seq: r.seq, streamId: r.stream, streamVersion: r.version, eventId: id,
                                                     eventType: "TestEvent", schemaVersion: 1, body: body, commandId: r.command,
                                                     recordedAt: at, effectiveAt: at, prevHash: p, hash: hh, into: &out)
                        }
                        prev = hh
                    }
                    try w.write(PGBinaryCopyEncoder.trailer)
                }
                _ = try c.execute("SELECT * FROM ledger.bulk_commit('main', $1, $2, $3)",
                                  [.timestamptz(at), .textArray(commands), .byteaArray(commands.map { _ in [1] })])
            }
        } catch let e as PGError { return e }
        return nil
    }

    @Test("bulk_commit refuses a gap, a broken link, a forged hash, a stream version gap and unannounced events, and writes nothing")
    func bulkCommitRefusesAnInconsistentChunkAndWritesNothing() throws {
        try TestDatabase.with { url in
            let c = try appLogin(url)
            let s = EventStore(connection: c, ledgerId: "main")
            _ = try s.append(request("c1", [("a-1", .noStream)], events: [("a-1", "x")]))
            let head = try s.head()
            let cases: [(String, (Int64, [UInt8], PGTimestamp) -> [(seq: Int64, stream: String, version: Int64, command: String, prev: [UInt8]?, hash: [UInt8]?)])] = [
                ("seq is not contiguous from the head", { h, _, _ in [(h + 1000, "a-1", 2, "c2", nil, nil)] }),
                ("prev_hash does not link", { h, _, _ in [(h + 1, "a-1", 2, "c2", [UInt8](repeating: 7, count: 32), nil)] }),
                ("hash does not match", { h, _, _ in [(h + 1, "a-1", 2, "c2", nil, [UInt8](repeating: 9, count: 32))] }),
                ("stream_version is not contiguous", { h, _, _ in [(h + 1, "a-1", 5, "c2", nil, nil)] }),
                ("stream was not locked", { h, _, _ in [(h + 1, "b-1", 1, "c2", nil, nil)] }),
                ("staged commands differ", { h, _, _ in [(h + 1, "a-1", 2, "forged", nil, nil)] }),
            ]
            for (why, rows) in cases {
                let e = try commitStaged(c, rows: rows)
                #expect(e?.sqlState == SQLState.bulkRefused, "\(why): \(String(describing: e))")
                #expect(e?.message.contains(why) == true, "\(why): \(String(describing: e))")
            }
            // Fewer events than announced for a stream, and a command with none.
            let fewer = try commitStaged(c, streams: ["a-1", "n-1"], expected: [-1, 0], added: [1, 2]) { h, _, _ in
                [(h + 1, "a-1", 2, "c2", nil, nil), (h + 2, "n-1", 1, "c2", nil, nil)] }
            #expect(fewer?.sqlState == SQLState.bulkRefused && fewer?.message.contains("n-1") == true, "\(String(describing: fewer))")
            // A stream of several events in the wrong version order, and a stream announced with
            // one event that got two (schema/015 checks one-event streams without a window).
            let swapped = try commitStaged(c, added: [2]) { h, _, _ in [(h + 1, "a-1", 3, "c2", nil, nil), (h + 2, "a-1", 2, "c2", nil, nil)] }
            #expect(swapped?.sqlState == SQLState.bulkRefused && swapped?.message.contains("seq \(head.seq + 1)") == true
                    && swapped?.message.contains("stream_version is not contiguous") == true, "\(String(describing: swapped))")
            let extra = try commitStaged(c, streams: ["a-1", "n-1"], expected: [-1, 0], added: [1, 1]) { h, _, _ in
                [(h + 1, "a-1", 2, "c2", nil, nil), (h + 2, "n-1", 1, "c2", nil, nil), (h + 3, "a-1", 3, "c2", nil, nil)] }
            #expect(extra?.sqlState == SQLState.bulkRefused && extra?.message.contains("seq \(head.seq + 3)") == true, "\(String(describing: extra))")
            // A command whose events are not contiguous in seq (c2, c3, c2): its key's seq range
            // would cover c3's event, so the chunk is refused.
            let interleaved = try commitStaged(c, streams: ["a-1", "n-1", "n-2"], expected: [-1, 0, 0], added: [1, 1, 1],
                                               commands: ["c2", "c3"]) { h, _, _ in
                [(h + 1, "a-1", 2, "c2", nil, nil), (h + 2, "n-1", 1, "c3", nil, nil), (h + 3, "n-2", 1, "c2", nil, nil)] }
            #expect(interleaved?.sqlState == SQLState.bulkRefused && interleaved?.message.contains("staged commands differ") == true,
                    "\(String(describing: interleaved))")
            let silent = try commitStaged(c, commands: ["c2", "c3"]) { h, _, _ in [(h + 1, "a-1", 2, "c2", nil, nil)] }
            #expect(silent?.sqlState == SQLState.bulkRefused, "\(String(describing: silent))")
            // bulk_commit without bulk_prepare.
            do { try c.execute("SELECT * FROM ledger.bulk_commit('main', now(), '{c9}', '{\\\\x01}')"); Issue.record("commit without prepare") } catch let e as PGError {
                #expect(e.sqlState == SQLState.invalidAppendArguments, "\(e)")
            }
            // A well-formed chunk passes, so the refusals above are the checks and not the path.
            #expect(try commitStaged(c) { h, _, _ in [(h + 1, "a-1", 2, "c2", nil, nil)] } == nil)
            #expect(try s.head().seq == head.seq + 1)
            #expect(try ChainVerifier(store: s).run().eventsChecked == 2)
            #expect(try c.execute("SELECT count(*) FROM ledger.commands").int64(0, 0) == 2)
        }
    }

    @Test("Swift and SQL compute the same version-2 hash, metadata and a NULL command id included")
    func swiftAndSQLComputeTheSameVersion2Hash() throws {
        try TestDatabase.with { url in
            let c = try PGConnection(url)
            let prev = (0..<32).map { UInt8($0) }
            let body = Array(#"{"amount":"1234.50","currency":"HKD"}"#.utf8)
            let id = (0..<16).map { UInt8(200 + $0) }
            for (meta, command) in [(#"{"source": "ops", "ticket": 7}"# as String?, "cmd-1" as String?), (nil, nil)] {
                let sqlText = try c.execute("SELECT $1::jsonb::text", [meta.map { .text($0) } ?? .null]).optionalString(0, 0)
                let sql = try c.execute("""
                    SELECT ledger.event_hash_v2($1, 'main', 42, 'invoice-INV-1', 3, $2::uuid, 'InvoiceIssued', 2,
                           '2026-05-15 10:00:00.123456+00', '2026-05-15 08:00:00+00', $3, $4::jsonb, $5)
                    """, [.bytea(prev), .uuid(PGUUID(bytes: id)), command.map { .text($0) } ?? .null,
                          meta.map { .text($0) } ?? .null, .bytea(body)]).bytes(0, 0)
                let swift = EventHash.computeV2(prevHash: prev, ledgerId: "main", seq: 42, streamId: "invoice-INV-1", streamVersion: 3,
                                                eventId: id, eventType: "InvoiceIssued", schemaVersion: 2, recordedAtMicros: 1_778_839_200_123_456,
                                                effectiveAtMicros: 1_778_832_000_000_000, commandId: command,
                                                metadata: sqlText.map { Array($0.utf8) }, body: body)
                #expect(swift == sql)
            }
        }
    }

    @Test("submit's bulk path works as the login member of the app role")
    func bulkPathWorksAsTheAppLogin() throws {
        try TestDatabase.with { url in
            let s = EventStore(connection: try appLogin(url), ledgerId: "main")
            let reqs = (1...50).map { i in request("b\(i)", [("s-\(i % 7)", .any)], events: [("s-\(i % 7)", "\(i)"), ("t-\(i)", "\(i)")]) }
            let fixed = reqs.map { r in
                var r = r
                r.expectations["t-\(r.commandId.dropFirst())"] = .noStream
                return r
            }
            let outcomes = try s.appendBulk(fixed)
            #expect(outcomes.last?.seqRange.upperBound == 100)
            #expect(try ChainVerifier(store: s).run().eventsChecked == 100)
            let versions = try s.streamVersions(["s-0", "s-1", "t-1"])
            #expect(versions["s-1"] == 8 && versions["s-0"] == 7 && versions["t-1"] == 1)
        }
    }

    /// Writes events the way migrations 002–007 did (hash version 1), as a superuser.
    func writeVersion1Events(_ c: PGConnection, seqs: ClosedRange<Int64>) throws {
        try c.executeScript("""
            ALTER TABLE ledger.events DISABLE TRIGGER events_append_only;
            DO $$ DECLARE prev bytea; h bytea; i bigint; at timestamptz := '2026-05-01 00:00:00+00'; BEGIN
              INSERT INTO ledger.log_heads (ledger_id) VALUES ('main') ON CONFLICT DO NOTHING;
              SELECT last_hash INTO prev FROM ledger.log_heads WHERE ledger_id = 'main';
              FOR i IN \(seqs.lowerBound)..\(seqs.upperBound) LOOP
                h := ledger.event_hash(prev, 'main', i, 'old-' || i, 1, 'TestEvent', 1, at, at, 'v1-' || i, '\\x7b7d'::bytea);
                INSERT INTO ledger.events (ledger_id, seq, stream_id, stream_version, event_id, event_type, schema_version, body,
                                           command_id, recorded_at, effective_at, prev_hash, hash, hash_version)
                VALUES ('main', i, 'old-' || i, 1, ledger.event_uuid('main', 'v1-' || i, 0), 'TestEvent', 1, '\\x7b7d'::bytea,
                        'v1-' || i, at, at, prev, h, 1);
                INSERT INTO ledger.streams VALUES ('main', 'old-' || i, 'old', 1);
                prev := h;
              END LOOP;
              UPDATE ledger.log_heads SET last_seq = \(seqs.upperBound), last_hash = prev, last_recorded_at = at WHERE ledger_id = 'main';
            END $$;
            ALTER TABLE ledger.events ENABLE TRIGGER events_append_only;
            """)
    }

    @Test("events hashed with version 1 keep verifying, version-2 events chain on from them, and a version never goes back")
    func version1EventsKeepVerifyingAndVersionsNeverGoBack() throws {
        try TestDatabase.with { url in
            let su = try PGConnection(url)
            try writeVersion1Events(su, seqs: 1...3)
            let s = EventStore(connection: try appLogin(url), ledgerId: "main")
            _ = try s.append(request("c1", [("a-1", .noStream)], events: [("a-1", "x")]))
            _ = try s.appendBulk([request("c2", [("a-1", .exact(1))], events: [("a-1", "y")])])
            let versions = try su.execute("SELECT hash_version FROM ledger.events ORDER BY seq")
            #expect(try (0..<versions.rowCount).map { try versions.int64($0, 0) } == [1, 1, 1, 2, 2])
            #expect(try ChainVerifier(store: s).run().eventsChecked == 5)
            // A version-1 event after version-2 ones is refused by verify, naming its seq.
            try writeVersion1Events(su, seqs: 6...6)
            #expect(throws: EventStoreError.chainBroken(seq: 6, reason: "hash version 1 after version 2: versions never go back")) {
                try ChainVerifier(store: s).run()
            }
        }
    }
}
