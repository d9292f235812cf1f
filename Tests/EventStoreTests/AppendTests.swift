import EventStore
import LibPQ
import TestSupport
import Testing

@Suite("Event store appends") struct AppendTests {
    @Test("an append assigns gap-free seq and stream versions across several streams atomically")
    func appendAssignsGapFreeSeqAndVersionsAcrossStreamsAtomically() throws {
        try TestDatabase.with { url in
            let s = try openStore(url)
            let a = try s.append(request("c1", [("invoice-1", .noStream), ("payment-1", .noStream)],
                                         events: [("payment-1", "a"), ("invoice-1", "b")]))
            #expect(a == .appended(firstSeq: 1, lastSeq: 2))
            let b = try s.append(request("c2", [("invoice-1", .exact(1))], events: [("invoice-1", "c"), ("invoice-1", "d")]))
            #expect(b == .appended(firstSeq: 3, lastSeq: 4))
            #expect(try s.readStream("invoice-1").map(\.streamVersion) == [1, 2, 3])
            #expect(try s.streamVersions(["invoice-1", "payment-1", "x"]) == ["invoice-1": 3, "payment-1": 1])
            var reader = try LedgerReader(store: s, recomputeHashes: true)
            #expect(try reader.next().map(\.seq) == [1, 2, 3, 4])
        }
    }

    @Test("a version conflict is its own error and appends nothing")
    func versionConflictIsItsOwnErrorAndAppendsNothing() throws {
        try TestDatabase.with { url in
            let s = try openStore(url)
            _ = try s.append(request("c1", [("invoice-1", .noStream)], events: [("invoice-1", "a")]))
            for (id, exp) in [("c2", ExpectedVersion.noStream), ("c3", .exact(2)), ("c4", .exact(0))] {
                #expect(throws: EventStoreError.self) {
                    try s.append(request(id, [("invoice-1", exp), ("other-1", .noStream)], events: [("invoice-1", "x"), ("other-1", "y")]))
                }
            }
            do { _ = try s.append(request("c5", [("invoice-1", .exact(5))], events: [("invoice-1", "x")])) } catch let e as EventStoreError {
                guard e.code == .versionConflict else { Issue.record("wrong error \(e)"); return }
                #expect(e.stream == "invoice-1")
            }
            #expect(try s.head().seq == 1)
            #expect(try s.streamVersions(["other-1"]).isEmpty)
            #expect(try s.knownCommands(["c2", "c3"]).isEmpty)
        }
    }

    @Test("a replayed command returns its first result; reuse with another request is refused")
    func replayedCommandReturnsItsFirstResultAndReuseIsRefused() throws {
        try TestDatabase.with { url in
            let s = try openStore(url)
            let first = try s.append(request("c1", [("a-1", .noStream)], events: [("a-1", "x")]))
            let again = try s.append(request("c1", [("a-1", .noStream)], events: [("a-1", "x")]))
            #expect(again == .duplicate(firstSeq: 1, lastSeq: 1) && first.seqRange == again.seqRange)
            #expect(throws: EventStoreError.commandReused(commandId: "c1")) {
                try s.append(request("c1", [("a-1", .any)], events: [("a-1", "y")], payload: "different"))
            }
            #expect(try s.head().seq == 1)
        }
    }

    @Test("bulk append chains on from online appends and online appends chain on from bulk")
    func bulkAndOnlineAppendsChainOnFromEachOther() throws {
        try TestDatabase.with { url in
            let s = try openStore(url)
            _ = try s.append(request("c0", [("s-0", .noStream)], events: [("s-0", "x")]))
            var versions: [String: Int64] = ["s-0": 1]
            var requests: [AppendRequest] = []
            for i in 1...500 {
                let stream = "s-\(i % 7)"
                let expected: ExpectedVersion = versions[stream].map { .exact($0) } ?? .noStream
                requests.append(request("b\(i)", [(stream, expected)], events: [(stream, "\(i)")]))
                versions[stream, default: 0] += 1
            }
            let outcomes = try s.appendBulk(requests)
            #expect(outcomes.count == 500 && outcomes.last == .appended(firstSeq: 501, lastSeq: 501))
            _ = try s.append(request("c-last", [("s-3", .any)], events: [("s-3", "z")]))
            let report = try ChainVerifier(store: s).run()
            #expect(report.eventsChecked == 502 && report.headSeq == 502)
            let s3 = try s.readStream("s-3").map(\.streamVersion)
            #expect(s3 == Array(1...Int64(s3.count)) && s3.count == 73)
        }
    }

    @Test("a bulk chunk whose stream moved on writes nothing")
    func bulkChunkWhoseStreamMovedOnWritesNothing() throws {
        try TestDatabase.with { url in
            let s = try openStore(url)
            _ = try s.append(request("c0", [("s-1", .noStream)], events: [("s-1", "x")]))
            #expect(throws: EventStoreError.self) {
                try s.appendBulk([request("b1", [("s-2", .noStream)], events: [("s-2", "a")]),
                                  request("b2", [("s-1", .noStream)], events: [("s-1", "b")])])
            }
            #expect(try s.head().seq == 1)
            #expect(try s.knownCommands(["b1"]).isEmpty)
            #expect(throws: EventStoreError.commandsAlreadyAppended(["c0"])) {
                try s.appendBulk([request("c0", [("s-9", .noStream)], events: [("s-9", "a")])])
            }
        }
    }

    @Test("Swift and SQL compute the same event hash (shared test vector)")
    func swiftAndSQLComputeTheSameEventHash() throws {
        try TestDatabase.with { url in
            let c = try PGConnection(url)
            let prev = (0..<32).map { UInt8($0) }
            let body = Array(#"{"amount":"1234.50","currency":"HKD"}"#.utf8)
            let sql = try c.execute("""
                SELECT ledger.event_hash($1, 'main', 42, 'invoice-INV-1', 3, 'InvoiceIssued', 2,
                       '2026-05-15 10:00:00.123456+00', '2026-05-15 08:00:00+00', 'cmd-1', $2)
                """, [.bytea(prev), .bytea(body)]).bytes(0, 0)
            let swift = EventHash.compute(prevHash: prev, ledgerId: "main", seq: 42, streamId: "invoice-INV-1", streamVersion: 3,
                                          eventType: "InvoiceIssued", schemaVersion: 2, recordedAtMicros: 1_778_839_200_123_456,
                                          effectiveAtMicros: 1_778_832_000_000_000, commandId: "cmd-1", body: body)
            #expect(swift == sql)
            // The vector itself, so a change to either side is caught even if both change alike.
            #expect(swift.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
                    == Self.vector)
            let id = try c.execute("SELECT ledger.event_uuid('main', 'cmd-1', 0)").value(0, 0)
            #expect(id == .uuid(PGUUID(bytes: EventHash.eventId(ledgerId: "main", commandId: "cmd-1", index: 0))))
        }
    }
    static let vector = "de8dba303aff4a24e0a8b67dc4f3ef385aa935ff97889c36ce718b716c3094c3"
}
