import LibPQ

extension EventStore {
    /// A part of a streamed append holds at most `bulkPartEventsMax` events and about this many
    /// bytes: streamed events can be large (a `SettlementItemsMatched` of 1,000 items is ~300 KB),
    /// and a part is what the client holds, about three times over (the part, the COPY writer's
    /// buffer, libpq's output buffer): 8 MiB parts cost 30 MB of peak RSS, 1 MiB parts 4 MB.
    public static let streamedPartBytesMax = 1 << 20

    /// `appendBulkInOpenTransaction` of one command whose events are produced one at a time
    /// instead of held in an array: `events` is called once, after `ledger.bulk_prepare` took the
    /// locks, and hands each event, in order, to `emit`, which encodes it (seq, stream version,
    /// event id, hash chained from the head) into the current part and keeps nothing else of it.
    /// A full part is copied to the staging table and moved (`ledger.bulk_move`) while the next
    /// is encoded; `ledger.bulk_commit` moves the last one. Memory: one part, whatever the count.
    ///
    /// `command.eventCounts` says beforehand how many events each stream gets (bulk_prepare
    /// locks and checks the streams before any row is staged); producing other counts is a
    /// programming error. Same checks, locks and errors as the array form; one bulk append per
    /// transaction.
    @discardableResult
    public func appendStreamedInOpenTransaction(_ command: StreamedAppend,
                                                events: (_ emit: (NewEvent) throws -> Void) throws -> Void) throws -> AppendOutcome {
        precondition(connection.inTransaction, "appendStreamedInOpenTransaction needs an open transaction")
        command.checkShape()
        do {
            return try appendStreamedInTransaction(command, connection, events)
        } catch {
            throw Self.mapBulkError(error, commandIds: [command.commandId])
        }
    }

    private func appendStreamedInTransaction(_ command: StreamedAppend, _ c: PGConnection,
                                             _ events: (_ emit: (NewEvent) throws -> Void) throws -> Void) throws -> AppendOutcome {
        var declared: [String: (expected: ExpectedVersion, count: Int64)] = [:]
        for (s, e) in command.expectations { declared[s] = (e, command.eventCounts[s] ?? 0) }
        let streams = BulkStreams(declared)
        let head = try c.execute("""
            SELECT last_seq, last_hash, recorded_at, bases FROM ledger.bulk_prepare($1, $2, $3, $4)
            """, [.text(ledgerId), .textArray(streams.ids), .int8Array(streams.expected), .int8Array(streams.added)])
        let headSeq = try head.int64(0, 0)
        var prev = try head.bytes(0, 1)
        let recordedAt = try head.timestamp(0, 2)
        guard case .array(_, let values) = try head.value(0, 3), values.count == streams.ids.count else {
            throw PGError(code: .decode, message: "bulk_prepare returned no stream versions")
        }
        var version = try values.map { v throws(PGError) -> Int64 in
            guard case .int8(let n) = v else { throw PGError(code: .decode, message: "bulk_prepare returned a non-bigint version") }
            return n
        }
        try checkAbsentUnderHead(streams, c)

        let stage = "COPY pg_temp.append_stage \(Self.stageColumns) FROM STDIN (FORMAT binary)"
        let move = "SELECT ledger.bulk_move($1, $2)"
        let ledger = ledgerId
        let commandId = command.commandId
        var written = Array(repeating: Int64(0), count: streams.ids.count)
        var seq = headSeq
        var index: Int32 = 0
        var part = PGBinaryCopyEncoder.header
        var rows = 0
        var moving = false
        // Copies the full part and has the server move it while the next one is encoded.
        func ship() throws {
            if moving { _ = try c.awaitResult(of: move) }
            part.append(contentsOf: PGBinaryCopyEncoder.trailer)
            try c.copyIn(stage) { w in try w.write(part) }
            try c.send(move, [.text(ledger), .timestamptz(recordedAt)])
            moving = true
            part = PGBinaryCopyEncoder.header
            rows = 0
        }
        try events { e in
            if rows == Self.bulkPartEventsMax || part.count >= Self.streamedPartBytesMax { try ship() }
            guard let at = streams.position[e.streamId] else { preconditionFailure("event stream \(e.streamId) has no expectation") }
            written[at] += 1
            precondition(written[at] <= streams.added[at], "more events on \(e.streamId) than declared")
            seq += 1
            version[at] += 1
            let v = version[at]
            let eventId = EventHash.eventId(ledgerId: ledger, commandId: commandId, index: index)
            let hash = EventHash.computeV2(prevHash: prev, ledgerId: ledger, seq: seq, streamId: e.streamId, streamVersion: v,
                                           eventId: eventId, eventType: e.eventType, schemaVersion: e.schemaVersion,
                                           recordedAtMicros: recordedAt.microsecondsSinceUnixEpoch,
                                           effectiveAtMicros: e.effectiveAt.microsecondsSinceUnixEpoch,
                                           commandId: commandId, metadata: nil, body: e.body)
            EventStore.encodeCopyRow(ledgerId: nil, seq: seq, streamId: e.streamId, streamVersion: v, eventId: eventId,
                                     eventType: e.eventType, schemaVersion: e.schemaVersion, body: e.body, commandId: commandId,
                                     recordedAt: recordedAt, effectiveAt: e.effectiveAt, prevHash: prev, hash: hash, into: &part)
            prev = hash
            rows += 1
            index += 1
        }
        precondition(written == streams.added, "the events produced differ from the counts declared per stream")
        if moving { _ = try c.awaitResult(of: move) }
        part.append(contentsOf: PGBinaryCopyEncoder.trailer)
        try c.copyIn(stage) { w in try w.write(part) }  // the last part: bulk_commit moves it
        let done = try c.execute("SELECT first_seq, last_seq FROM ledger.bulk_commit($1, $2, $3, $4)",
                                 [.text(ledgerId), .timestamptz(recordedAt), .textArray([commandId]), .byteaArray([command.requestHash])])
        let committedLast = try done.int64(0, 1)
        precondition(committedLast == seq, "bulk_commit moved another range than was staged")
        return .appended(firstSeq: headSeq + 1, lastSeq: seq)
    }
}
