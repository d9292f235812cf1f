import LibPQ

/// One bulk append between `ledger.bulk_prepare` and `ledger.bulk_commit`, for both the array
/// form (`appendBulk`) and the streamed one (`appendStreamedInOpenTransaction`).
///
/// `begin` calls bulk_prepare (locks, expectations, the head). Each `stage` then gives the
/// event its seq, stream version, id and version-2 hash chained from the head's, and encodes it
/// as a binary COPY row into the current part. A full part (`EventStore.bulkPartEventsMax`
/// events or `bulkPartBytesMax` bytes) is copied into `pg_temp.append_stage` and sent to
/// `ledger.bulk_move` without waiting, so the server moves part k while part k + 1 is encoded
/// here on the other core. `commit` copies the last part and calls bulk_commit, which moves it.
/// Memory: one part, whatever the number of events.
struct BulkStager {
    let connection: PGConnection
    let ledgerId: String
    let streams: EventStore.BulkStreams
    let recordedAt: PGTimestamp
    let headSeq: Int64
    private(set) var seq: Int64
    private var prev: [UInt8]
    private var version: [Int64]  // by stream position
    private var written: [Int64]  // events staged per stream position
    private var part = PGBinaryCopyEncoder.header
    private var rows = 0
    private var moving = false

    static let stage = "COPY pg_temp.append_stage \(EventStore.stageColumns) FROM STDIN (FORMAT binary)"
    static let move = "SELECT ledger.bulk_move($1, $2)"

    /// `ledger.bulk_prepare` for `streams`, and the check-only "no stream" expectations looked up
    /// again under the head (see `EventStore.appendBulk`).
    static func begin(_ store: EventStore, _ streams: EventStore.BulkStreams) throws -> BulkStager {
        let c = store.connection
        let head = try c.execute("""
            SELECT last_seq, last_hash, recorded_at, bases FROM ledger.bulk_prepare($1, $2, $3, $4)
            """, [.text(store.ledgerId), .textArray(streams.ids), .int8Array(streams.expected), .int8Array(streams.added)])
        guard case .array(_, let values) = try head.value(0, 3), values.count == streams.ids.count else {
            throw PGError(code: .decode, message: "bulk_prepare returned no stream versions")
        }
        let bases = try values.map { v throws(PGError) -> Int64 in
            guard case .int8(let n) = v else { throw PGError(code: .decode, message: "bulk_prepare returned a non-bigint version") }
            return n
        }
        let stager = BulkStager(connection: c, ledgerId: store.ledgerId, streams: streams, recordedAt: try head.timestamp(0, 2),
                                headSeq: try head.int64(0, 0), headHash: try head.bytes(0, 1), bases: bases)
        try store.checkAbsentUnderHead(streams, c)
        return stager
    }

    private init(connection: PGConnection, ledgerId: String, streams: EventStore.BulkStreams, recordedAt: PGTimestamp,
                 headSeq: Int64, headHash: [UInt8], bases: [Int64]) {
        self.connection = connection
        self.ledgerId = ledgerId
        self.streams = streams
        self.recordedAt = recordedAt
        self.headSeq = headSeq
        self.seq = headSeq
        self.prev = headHash
        self.version = bases
        self.written = Array(repeating: 0, count: bases.count)
    }

    /// Event `index` of command `commandId`, after every event staged before it.
    mutating func stage(_ e: NewEvent, commandId: String, index: Int32) throws {
        if rows == EventStore.bulkPartEventsMax || part.count >= EventStore.bulkPartBytesMax { try ship() }
        guard let at = streams.position(of: e.streamId) else { preconditionFailure("event stream \(e.streamId) has no expectation") }
        written[at] += 1
        precondition(written[at] <= streams.added[at], "more events on \(e.streamId) than announced")
        seq += 1
        version[at] += 1
        let v = version[at]
        let eventId = EventHash.eventId(ledgerId: ledgerId, commandId: commandId, index: index)
        let hash = EventHash.computeV2(prevHash: prev, ledgerId: ledgerId, seq: seq, streamId: e.streamId, streamVersion: v,
                                       eventId: eventId, eventType: e.eventType, schemaVersion: e.schemaVersion,
                                       recordedAtMicros: recordedAt.microsecondsSinceUnixEpoch,
                                       effectiveAtMicros: e.effectiveAt.microsecondsSinceUnixEpoch,
                                       commandId: commandId, metadata: nil, body: e.body)
        EventStore.encodeCopyRow(ledgerId: nil, seq: seq, streamId: e.streamId, streamVersion: v, eventId: eventId,
                                 eventType: e.eventType, schemaVersion: e.schemaVersion, body: e.body, commandId: commandId,
                                 recordedAt: recordedAt, effectiveAt: e.effectiveAt, prevHash: prev, hash: hash, into: &part)
        prev = hash
        rows += 1
    }

    /// Copies the full part and has the server move it while the next one is encoded.
    private mutating func ship() throws {
        try copyPart()
        try connection.send(Self.move, [.text(ledgerId), .timestamptz(recordedAt)])
        moving = true
    }

    /// Waits for the part being moved, then copies the current one into the staging table.
    private mutating func copyPart() throws {
        if moving { try connection.awaitResult(of: Self.move) }
        moving = false
        part.append(contentsOf: PGBinaryCopyEncoder.trailer)
        let bytes = part
        try connection.copyIn(Self.stage) { w in try w.write(bytes) }
        part = PGBinaryCopyEncoder.header
        rows = 0
    }

    /// Stages the last part and calls `ledger.bulk_commit` (which moves it, checks the streams and
    /// writes streams, head and command keys) with the chunk's commands.
    mutating func commit(commandIds: [String], requestHashes: [[UInt8]]) throws {
        precondition(written == streams.added, "the events staged differ from the counts announced per stream")
        try copyPart()
        let done = try connection.execute("SELECT first_seq, last_seq FROM ledger.bulk_commit($1, $2, $3, $4)",
                                          [.text(ledgerId), .timestamptz(recordedAt), .textArray(commandIds), .byteaArray(requestHashes)])
        let committedLast = try done.int64(0, 1)
        precondition(committedLast == seq, "bulk_commit moved another range than was staged")
    }
}
