import LibPQ

/// The event store of one ledger over one connection (EVENT-STORE.md). Not `Sendable`: owned by
/// one task at a time, like its connection.
public final class EventStore {
    public let connection: PGConnection
    public let ledgerId: String
    var prepared: Set<String> = []

    /// Events per bulk transaction: large enough to amortize the round trips, small enough that
    /// online appends waiting on the ledger head are not starved.
    public static let bulkChunkEventsMax = 20_000
    /// Events per part of a bulk chunk: each part is one COPY into the staging table, moved into
    /// the log by `ledger.bulk_move` while the next part is encoded (schema/014).
    public static let bulkPartEventsMax = 4_096
    /// A part also ends past about this many bytes: events can be large (a
    /// `SettlementItemsMatched` of 1,000 items is ~300 KB), and a part is what the client holds,
    /// about three times over (the part, the COPY writer's buffer, libpq's output buffer): 8 MiB
    /// parts cost 30 MB of peak RSS, 1 MiB parts 4 MB.
    public static let bulkPartBytesMax = 1 << 20
    /// Rows per page of a catch-up read (memory stays bounded by one page).
    public static let readPageRowsMax = 5_000

    public init(connection: PGConnection, ledgerId: String) {
        precondition(!ledgerId.isEmpty && ledgerId.utf8.count <= 64, "ledger id must be 1-64 characters")
        self.connection = connection
        self.ledgerId = ledgerId
    }

    func prepareOnce(_ name: String, _ sql: String) throws(PGError) {
        if prepared.contains(name) { return }
        try connection.prepare(name, sql)
        prepared.insert(name)
    }

    /// The ledger head: last seq and hash (0 and the genesis hash for an empty ledger).
    public func head() throws -> (seq: Int64, hash: [UInt8]) {
        let r = try connection.execute("SELECT last_seq, last_hash FROM ledger.log_heads WHERE ledger_id = $1", [.text(ledgerId)])
        guard r.rowCount == 1 else { return (0, EventHash.genesis) }
        return (try r.int64(0, 0), try r.bytes(0, 1))
    }

    /// Current version of each stream (0 = no stream).
    public func streamVersions(_ ids: [String]) throws -> [String: Int64] {
        let r = try connection.execute("SELECT stream_id, version FROM ledger.streams WHERE ledger_id = $1 AND stream_id = ANY($2)",
                                       [.text(ledgerId), .textArray(ids)])
        var out: [String: Int64] = [:]
        for row in 0..<r.rowCount { out[try r.string(row, 0)] = try r.int64(row, 1) }
        return out
    }

    /// Stream ids of one type (the part before the first `-`), e.g. every `subsidy` programme.
    public func streamIds(ofType type: String) throws -> [String] {
        let r = try connection.execute("SELECT stream_id FROM ledger.streams WHERE ledger_id = $1 AND stream_type = $2 ORDER BY stream_id",
                                       [.text(ledgerId), .text(type)])
        return try (0..<r.rowCount).map { try r.string($0, 0) }
    }

    /// Which of `commandIds` were appended before, with their request hashes and seq ranges.
    public func knownCommands(_ commandIds: [String]) throws -> [String: (requestHash: [UInt8], firstSeq: Int64, lastSeq: Int64)] {
        try prepareOnce("tl_known_commands", """
            SELECT command_id, request_hash, first_seq, last_seq FROM ledger.commands
             WHERE ledger_id = $1 AND command_id = ANY($2::text[]) AND first_seq IS NOT NULL
            """)
        let r = try connection.executePrepared("tl_known_commands", [.text(ledgerId), .textArray(commandIds)])
        var out: [String: (requestHash: [UInt8], firstSeq: Int64, lastSeq: Int64)] = [:]
        for row in 0..<r.rowCount {
            out[try r.string(row, 0)] = (try r.bytes(row, 1), try r.int64(row, 2), try r.int64(row, 3))
        }
        return out
    }

    static func map(_ error: PGError, commandId: String) -> any Error {
        switch error.sqlState {
        case SQLState.versionConflict: EventStoreError.versionConflict(stream: error.detail ?? "", message: error.message)
        case SQLState.commandReused: EventStoreError.commandReused(commandId: commandId)
        default: error
        }
    }
}
