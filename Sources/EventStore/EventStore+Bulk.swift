import LibPQ

extension EventStore {
    /// Appends many commands' events in one transaction (EVENT-STORE.md "Append (bulk)"):
    /// locks the streams (sorted) and then the ledger head, computes seq and the hash chain here,
    /// writes the events and then the command rows with binary COPY, and advances streams and
    /// head. All of it or none of it commits.
    ///
    /// Lock order differs from the online append in one way, on purpose: command keys are written
    /// last (with their seq range, one row write each instead of an insert and an update). If an
    /// online append of the *same* command id is in flight at that moment, PostgreSQL's deadlock
    /// detector aborts one of the two; the bulk side reports it as `.commandsAlreadyAppended` and
    /// the caller redoes the chunk, finding the command already appended.
    ///
    /// The requests must be consistent among themselves (a later request's expected version of a
    /// stream equals the earlier one's plus its events, as the in-memory decision made them);
    /// only the first expectation of each stream is checked against the database. Callers chunk
    /// their input to at most `bulkChunkEventsMax` events per call.
    ///
    /// Throws `.commandsAlreadyAppended` if another writer appended one of these commands
    /// meanwhile, `.versionConflict` if a stream moved on: in both cases nothing was written,
    /// and the caller reloads, decides again and retries.
    @discardableResult
    public func appendBulk(_ requests: [AppendRequest]) throws -> [AppendOutcome] {
        guard !requests.isEmpty else { return [] }
        for r in requests { r.checkShape() }
        do {
            return try connection.withTransaction { c in try self.appendBulkInTransaction(requests, c) }
        } catch let e as PGError where e.isUniqueViolation || e.isDeadlock {
            // Event ids derive from command ids, so a command appended meanwhile by another writer
            // collides on the event id (or the command key); anything else is a stream race.
            if e.isDeadlock || e.constraint?.contains("event_id") == true || e.constraint?.contains("commands") == true {
                throw EventStoreError.commandsAlreadyAppended(requests.map(\.commandId))
            }
            throw EventStoreError.versionConflict(stream: "", message: "version conflict: \(e.message)")
        }
    }

    private func appendBulkInTransaction(_ requests: [AppendRequest], _ c: PGConnection) throws -> [AppendOutcome] {
        let ids = requests.map(\.commandId)
        precondition(Set(ids).count == ids.count, "a bulk chunk repeats a command id")

        // 2. Streams: the first expectation of each, and how many events each gets.
        var firstExpectation: [String: ExpectedVersion] = [:]
        var added: [String: Int64] = [:]
        for r in requests {
            for (s, e) in r.expectations where firstExpectation[s] == nil { firstExpectation[s] = e }
            for e in r.events { added[e.streamId, default: 0] += 1 }
        }
        let streams = firstExpectation.keys.sorted()
        let locked = try c.execute("""
            SELECT stream_id, version FROM ledger.streams WHERE ledger_id = $1 AND stream_id = ANY($2::text[])
             ORDER BY stream_id COLLATE "C" FOR UPDATE
            """, [.text(ledgerId), .textArray(streams)])
        var current: [String: Int64] = [:]
        for row in 0..<locked.rowCount { current[try locked.string(row, 0)] = try locked.int64(row, 1) }
        var newStreams: [String] = []
        for s in streams {
            let expected = firstExpectation[s]!
            switch (expected, current[s]) {
            case (.exact(let n), let v?) where v != n:
                throw EventStoreError.versionConflict(stream: s, message: "version conflict on stream \(s): expected version \(n), actual \(v)")
            case (.exact(let n), nil):
                throw EventStoreError.versionConflict(stream: s, message: "version conflict on stream \(s): expected version \(n), stream does not exist")
            case (.noStream, let v?):
                throw EventStoreError.versionConflict(stream: s, message: "version conflict on stream \(s): expected no stream, it is at version \(v)")
            case (_, nil):
                newStreams.append(s)
            default: break
            }
        }
        if !newStreams.isEmpty {
            let r = try c.execute("""
                INSERT INTO ledger.streams (ledger_id, stream_id, stream_type, version)
                SELECT $1, u.id, split_part(u.id, '-', 1), u.n FROM unnest($2::text[], $3::int8[]) AS u(id, n)
                ON CONFLICT (ledger_id, stream_id) DO NOTHING
                """, [.text(ledgerId), .textArray(newStreams), .int8Array(newStreams.map { added[$0] ?? 0 })])
            if r.affectedRows != Int64(newStreams.count) {
                throw EventStoreError.versionConflict(stream: newStreams[0], message: "version conflict: a stream of this chunk was created concurrently")
            }
        }

        // 3. The ledger head, last.
        try c.execute("INSERT INTO ledger.log_heads (ledger_id) VALUES ($1) ON CONFLICT (ledger_id) DO NOTHING", [.text(ledgerId)])
        let head = try c.execute("""
            SELECT last_seq, last_hash, greatest(clock_timestamp(), last_recorded_at)
              FROM ledger.log_heads WHERE ledger_id = $1 FOR UPDATE
            """, [.text(ledgerId)])
        var seq = try head.int64(0, 0)
        var prev = try head.bytes(0, 1)
        let recordedAt = try head.timestamp(0, 2)

        // 4. Seq, stream versions and the chain, computed here; events written by binary COPY.
        var version = current
        var outcomes: [AppendOutcome] = []
        outcomes.reserveCapacity(requests.count)
        let ledger = ledgerId
        try c.copyIn("COPY ledger.events \(Self.copyColumns) FROM STDIN (FORMAT binary)") { w in
            try w.write(PGBinaryCopyEncoder.header)
            for r in requests {
                let first = seq + 1
                for (i, e) in r.events.enumerated() {
                    seq += 1
                    let v = (version[e.streamId] ?? 0) + 1
                    version[e.streamId] = v
                    let hash = EventHash.compute(prevHash: prev, ledgerId: ledger, seq: seq, streamId: e.streamId, streamVersion: v,
                                                 eventType: e.eventType, schemaVersion: e.schemaVersion,
                                                 recordedAtMicros: recordedAt.microsecondsSinceUnixEpoch,
                                                 effectiveAtMicros: e.effectiveAt.microsecondsSinceUnixEpoch,
                                                 commandId: r.commandId, body: e.body)
                    let eventId = EventHash.eventId(ledgerId: ledger, commandId: r.commandId, index: Int32(i))
                    try w.withBuffer { out in
                        EventStore.encodeCopyRow(ledgerId: ledger, seq: seq, streamId: e.streamId, streamVersion: v, eventId: eventId,
                                                 eventType: e.eventType, schemaVersion: e.schemaVersion, body: e.body,
                                                 commandId: r.commandId, recordedAt: recordedAt, effectiveAt: e.effectiveAt,
                                                 prevHash: prev, hash: hash, into: &out)
                    }
                    prev = hash
                }
                outcomes.append(.appended(firstSeq: first, lastSeq: seq))
            }
            try w.write(PGBinaryCopyEncoder.trailer)
        }

        // 5. Streams, head, and the command rows (COPY; a command id appended meanwhile by another
        //    writer is a unique violation that rolls the whole chunk back).
        let touched = version.keys.filter { added[$0] != nil && current[$0] != nil }.sorted()
        try c.execute("""
            UPDATE ledger.streams s SET version = u.v FROM unnest($2::text[], $3::int8[]) AS u(id, v)
             WHERE s.ledger_id = $1 AND s.stream_id = u.id
            """, [.text(ledgerId), .textArray(touched), .int8Array(touched.map { version[$0]! })])
        try c.execute("""
            UPDATE ledger.log_heads SET last_seq = $2, last_hash = $3, last_recorded_at = $4, updated_at = $4 WHERE ledger_id = $1
            """, [.text(ledgerId), .int8(seq), .bytea(prev), .timestamptz(recordedAt)])
        try copyCommands(requests, outcomes, c)
        return outcomes
    }

    private func copyCommands(_ requests: [AppendRequest], _ outcomes: [AppendOutcome], _ c: PGConnection) throws {
        let ledger = ledgerId
        try c.copyIn("COPY ledger.commands (ledger_id, command_id, request_hash, first_seq, last_seq) FROM STDIN (FORMAT binary)") { w in
                try w.write(PGBinaryCopyEncoder.header)
                for (r, o) in zip(requests, outcomes) {
                    try w.withBuffer { out in
                        PGBinaryCopyEncoder.beginRow(fields: 5, into: &out)
                        PGBinaryCopyEncoder.appendBytes(ledger.utf8, into: &out)
                        PGBinaryCopyEncoder.appendBytes(r.commandId.utf8, into: &out)
                        PGBinaryCopyEncoder.appendBytes(r.requestHash, into: &out)
                        PGBinaryCopyEncoder.appendInt64(o.seqRange.lowerBound, into: &out)
                        PGBinaryCopyEncoder.appendInt64(o.seqRange.upperBound, into: &out)
                    }
                }
                try w.write(PGBinaryCopyEncoder.trailer)
        }
    }

    /// The column list of `encodeCopyRow`, for `COPY … (columns) FROM STDIN (FORMAT binary)`.
    public static let copyColumns = """
        (ledger_id, seq, stream_id, stream_version, event_id, event_type, schema_version, body, command_id,
         recorded_at, effective_at, prev_hash, hash)
        """

    /// One event row in binary COPY format, columns as `copyColumns`.
    public static func encodeCopyRow(ledgerId: String, seq: Int64, streamId: String, streamVersion: Int64, eventId: [UInt8],
                                     eventType: String, schemaVersion: Int32, body: [UInt8], commandId: String,
                                     recordedAt: PGTimestamp, effectiveAt: PGTimestamp, prevHash: [UInt8], hash: [UInt8],
                                     into out: inout [UInt8]) {
        PGBinaryCopyEncoder.beginRow(fields: 13, into: &out)
        PGBinaryCopyEncoder.appendBytes(ledgerId.utf8, into: &out)
        PGBinaryCopyEncoder.appendInt64(seq, into: &out)
        PGBinaryCopyEncoder.appendBytes(streamId.utf8, into: &out)
        PGBinaryCopyEncoder.appendInt64(streamVersion, into: &out)
        PGBinaryCopyEncoder.appendBytes(eventId, into: &out)
        PGBinaryCopyEncoder.appendBytes(eventType.utf8, into: &out)
        PGBinaryCopyEncoder.append(.int4(schemaVersion), into: &out)
        PGBinaryCopyEncoder.appendBytes(body, into: &out)
        PGBinaryCopyEncoder.appendBytes(commandId.utf8, into: &out)
        PGBinaryCopyEncoder.appendTimestamp(recordedAt, into: &out)
        PGBinaryCopyEncoder.appendTimestamp(effectiveAt, into: &out)
        PGBinaryCopyEncoder.appendBytes(prevHash, into: &out)
        PGBinaryCopyEncoder.appendBytes(hash, into: &out)
    }
}
