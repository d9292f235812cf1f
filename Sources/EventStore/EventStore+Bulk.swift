import LibPQ

extension EventStore {
    /// Appends many commands' events in one transaction (EVENT-STORE.md "Append (bulk)").
    ///
    /// The application role cannot write the log tables, so this goes through the SECURITY
    /// DEFINER functions of schema/014, as schema/015 replaced them: `ledger.bulk_prepare` takes
    /// the locks in the one lock order of every append (streams, sorted → ledger head), checks
    /// the expected versions, moves the streams to their final versions and returns the head; the seq, stream versions and hash chain are computed here
    /// (`BulkStager`) and written by binary COPY into the session's staging table in parts;
    /// `ledger.bulk_move` checks each part as a correct writer would have made it (contiguous
    /// seq, linked prev_hash, each hash recomputed by the server) and moves it into
    /// `ledger.events` while the next part is encoded; `ledger.bulk_commit` moves the last part,
    /// checks the streams (contiguous versions, as announced) and the commands (each one's
    /// events contiguous, in the order given), and writes the head and the command keys (last in
    /// the lock order). All of it or none of it commits: the
    /// database fails a COMMIT between `bulk_prepare` and `bulk_commit`.
    ///
    /// The requests must be consistent among themselves (a later request's expected version of a
    /// stream equals the earlier one's plus its events, as the in-memory decision made them);
    /// only the first expectation of each stream is checked against the database. Callers chunk
    /// their input to at most `bulkChunkEventsMax` events per call; a chunk goes to the server in
    /// parts of at most `bulkPartEventsMax` events and about `bulkPartBytesMax` bytes.
    ///
    /// An expectation on a stream that gets no events is a check only (a command relied on the
    /// stream without writing it). `bulk_prepare` locks an existing stream row, which holds it
    /// at the checked version until commit; a stream expected not to exist has no row to lock, so
    /// once the head is held (every writer commits under it, so everything committed before is
    /// visible now and nothing can commit until this transaction ends) those streams are looked
    /// up again and any that exists by now is a `.versionConflict`.
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
        } catch {
            throw Self.mapBulkError(error, requests)
        }
    }

    /// `appendBulk` inside a transaction the caller opened and will commit, so that the caller's
    /// own writes (reconciliation's read models) commit or roll back with the events. One bulk
    /// append per transaction (`ledger.bulk_prepare` refuses a second). The locks it takes (the
    /// streams and the ledger head) are held until the caller commits: append last, then commit.
    @discardableResult
    public func appendBulkInOpenTransaction(_ requests: [AppendRequest]) throws -> [AppendOutcome] {
        precondition(connection.inTransaction, "appendBulkInOpenTransaction needs an open transaction")
        guard !requests.isEmpty else { return [] }
        for r in requests { r.checkShape() }
        do {
            return try appendBulkInTransaction(requests, connection)
        } catch {
            throw Self.mapBulkError(error, requests)
        }
    }

    /// A unique violation means another writer got there first; TL001 a stream moved.
    static func mapBulkError(_ error: any Error, _ requests: [AppendRequest]) -> any Error {
        mapBulkError(error, commandIds: requests.map(\.commandId))
    }

    static func mapBulkError(_ error: any Error, commandIds: [String]) -> any Error {
        do { throw error } catch let e as PGError where e.isUniqueViolation {
            // A command appended meanwhile by another writer collides on the command key (its
            // event ids, derived from the command id, would collide too); anything else is a
            // stream race. Deadlocks and lock timeouts are not mapped: both paths take their
            // locks in one order, so they are transient and the caller retries them.
            if e.constraint?.contains("event_id") == true || e.constraint?.contains("commands") == true {
                return EventStoreError.commandsAlreadyAppended(commandIds)
            }
            return EventStoreError.versionConflict(stream: "", message: "version conflict: \(e.message)")
        } catch let e as PGError where e.sqlState == SQLState.versionConflict {
            return EventStoreError.versionConflict(stream: e.detail ?? "", message: e.message)
        } catch {
            return error
        }
    }

    private func appendBulkInTransaction(_ requests: [AppendRequest], _ c: PGConnection) throws -> [AppendOutcome] {
        let ids = requests.map(\.commandId)
        precondition(Set(ids).count == ids.count, "a bulk chunk repeats a command id")
        var stager = try BulkStager.begin(self, BulkStreams(requests))
        var outcomes: [AppendOutcome] = []
        outcomes.reserveCapacity(requests.count)
        for r in requests {
            let first = stager.seq + 1
            for (i, e) in r.events.enumerated() { try stager.stage(e, commandId: r.commandId, index: Int32(i)) }
            outcomes.append(.appended(firstSeq: first, lastSeq: stager.seq))
        }
        try stager.commit(commandIds: ids, requestHashes: requests.map(\.requestHash))
        return outcomes
    }

    /// Check-only "no stream" expectations, looked up again under the head (see `appendBulk`).
    func checkAbsentUnderHead(_ streams: BulkStreams, _ c: PGConnection) throws {
        var absent: [String] = []
        for (i, id) in streams.ids.enumerated() where streams.expected[i] == 0 && streams.added[i] == 0 { absent.append(id) }
        if absent.isEmpty { return }
        let r = try c.execute("SELECT stream_id, version FROM ledger.streams WHERE ledger_id = $1 AND stream_id = ANY($2) ORDER BY stream_id LIMIT 1",
                              [.text(ledgerId), .textArray(absent)])
        if r.rowCount > 0 {
            let id = try r.string(0, 0)
            throw EventStoreError.versionConflict(stream: id, message: "version conflict on stream \(id): expected no stream, actual \(try r.int64(0, 1)) (created concurrently)")
        }
    }

    /// The staging table's columns (`pg_temp.append_stage`, created by `ledger.bulk_prepare`):
    /// `copyColumns` without the ledger id, which the function supplies.
    static let stageColumns = """
        (seq, stream_id, stream_version, event_id, event_type, schema_version, body, command_id,
         recorded_at, effective_at, prev_hash, hash)
        """

    /// The column list of `encodeCopyRow`, for `COPY … (columns) FROM STDIN (FORMAT binary)`.
    public static let copyColumns = """
        (ledger_id, seq, stream_id, stream_version, event_id, event_type, schema_version, body, command_id,
         recorded_at, effective_at, prev_hash, hash)
        """

    /// One event row in binary COPY format, columns as `copyColumns` (or `stageColumns` when
    /// `ledgerId` is nil).
    public static func encodeCopyRow(ledgerId: String?, seq: Int64, streamId: String, streamVersion: Int64, eventId: [UInt8],
                                     eventType: String, schemaVersion: Int32, body: [UInt8], commandId: String,
                                     recordedAt: PGTimestamp, effectiveAt: PGTimestamp, prevHash: [UInt8], hash: [UInt8],
                                     into out: inout [UInt8]) {
        PGBinaryCopyEncoder.beginRow(fields: ledgerId == nil ? 12 : 13, into: &out)
        if let ledgerId { PGBinaryCopyEncoder.appendText(ledgerId, into: &out) }
        PGBinaryCopyEncoder.appendInt64(seq, into: &out)
        PGBinaryCopyEncoder.appendText(streamId, into: &out)
        PGBinaryCopyEncoder.appendInt64(streamVersion, into: &out)
        PGBinaryCopyEncoder.appendBytes(eventId, into: &out)
        PGBinaryCopyEncoder.appendText(eventType, into: &out)
        PGBinaryCopyEncoder.append(.int4(schemaVersion), into: &out)
        PGBinaryCopyEncoder.appendBytes(body, into: &out)
        PGBinaryCopyEncoder.appendText(commandId, into: &out)
        PGBinaryCopyEncoder.appendTimestamp(recordedAt, into: &out)
        PGBinaryCopyEncoder.appendTimestamp(effectiveAt, into: &out)
        PGBinaryCopyEncoder.appendBytes(prevHash, into: &out)
        PGBinaryCopyEncoder.appendBytes(hash, into: &out)
    }
}
