import EventStore
import LedgerDomain
import LibPQ
import TestSupport
import Testing

/// The store's `stream_type` column is the type Swift derives from the stream id
/// (`StreamID.type(of:)`), whichever append path created the stream.
@Suite("Stream types") struct StreamTypeTests {
    /// One stream of every type, ids with dashes of their own (fxrate and payout ids as
    /// `StreamID.fxRate` and `StreamID.payout` spell them).
    static let streamIds = [
        StreamID.party("P-1"), StreamID.card("C-1"), StreamID.invoice("INV-1"), StreamID.payment("PAY-1"),
        StreamID.subsidy("VISA-HK"), "fxrate-HKDCNY", StreamID.settlementFile("ab12cd"), "payout-M-1-HKD-2026-05-15",
        StreamID.reconException("E-1"),
    ]

    static func stored(_ store: EventStore) throws -> [String: String] {
        let r = try store.connection.execute("SELECT stream_id, stream_type FROM ledger.streams WHERE ledger_id = $1", [.text(store.ledgerId)])
        var out: [String: String] = [:]
        for row in 0..<r.rowCount { out[try r.string(row, 0)] = try r.string(row, 1) }
        return out
    }

    @Test("ledger.stream_type knows every type StreamID knows, and no shorter reading of them")
    func sqlMirrorsTheSwiftList() throws {
        try TestDatabase.with { url in
            let c = try PGConnection(url)
            for type in StreamID.types {
                for id in ["\(type)-X1", "\(type)-X-1", "\(type)-\(type)-1"] {
                    let sql = try c.execute("SELECT ledger.stream_type($1)", [.text(id)]).string(0, 0)
                    #expect(sql == StreamID.type(of: id) && sql == type, "\(id): SQL \(sql)")
                }
            }
            // Unknown prefixes (tests' own streams): the part before the first dash, as before.
            #expect(try c.execute("SELECT ledger.stream_type('a-9')").string(0, 0) == "a")
        }
    }

    @Test("migrating corrects the types of streams stored by the append of 005")
    func migrationCorrectsStoredTypes() throws {
        try TestDatabase.withEmpty { url in
            let c = try PGConnection(url)
            let all = try Migrator(directory: TestDatabase.schemaDirectory)
            try Migrator(migrations: all.migrations.filter { $0.version <= 7 }).migrate(c)
            let store = EventStore(connection: c, ledgerId: "main")
            for (i, id) in Self.streamIds.enumerated() { _ = try store.append(request("o\(i)", [(id, .noStream)], events: [(id, "x")])) }
            #expect(try Self.stored(store)[StreamID.reconException("E-1")] == "recon")
            try all.migrate(c)
            let types = try Self.stored(store)
            for id in Self.streamIds { #expect(types[id] == StreamID.type(of: id), "\(id): \(types[id] ?? "none")") }
        }
    }

    @Test("online and bulk appends store the stream type that Swift derives; streams are found by their type")
    func sqlAgreesWithSwift() throws {
        try TestDatabase.with { url in
            let online = try openStore(url, ledger: "online")
            for (i, id) in Self.streamIds.enumerated() { _ = try online.append(request("o\(i)", [(id, .noStream)], events: [(id, "x")])) }
            let bulk = try openStore(url, ledger: "bulk")
            try bulk.appendBulk(Self.streamIds.enumerated().map { i, id in request("b\(i)", [(id, .noStream)], events: [(id, "x")]) })
            for store in [online, bulk] {
                let types = try Self.stored(store)
                #expect(types.count == Self.streamIds.count)
                for id in Self.streamIds {
                    #expect(StreamID.type(of: id) != nil && types[id] == StreamID.type(of: id), "\(store.ledgerId) \(id): \(types[id] ?? "none")")
                }
                #expect(try store.streamIds(ofType: StreamID.settlementFileType) == [StreamID.settlementFile("ab12cd")])
                #expect(try store.streamIds(ofType: StreamID.reconExceptionType) == [StreamID.reconException("E-1")])
            }
        }
    }
}
