import LibPQ

extension EventStore {
    static let columns = """
        seq, stream_id, stream_version, event_id, event_type, schema_version, body, command_id, recorded_at,
        effective_at, prev_hash, hash, metadata::text, hash_version
        """

    static func decodeRows(_ r: PGResult) throws -> [RecordedEvent] {
        var out: [RecordedEvent] = []
        out.reserveCapacity(r.rowCount)
        for row in 0..<r.rowCount {
            out.append(RecordedEvent(
                seq: try r.int64(row, 0), streamId: try r.string(row, 1), streamVersion: try r.int64(row, 2), eventId: try r.uuid(row, 3),
                eventType: try r.string(row, 4), schemaVersion: Int32(try r.int64(row, 5)), body: try r.bytes(row, 6),
                commandId: try r.optionalString(row, 7), recordedAt: try r.timestamp(row, 8), effectiveAt: try r.timestamp(row, 9),
                prevHash: try r.bytes(row, 10), hash: try r.bytes(row, 11),
                metadata: try r.optionalString(row, 12).map { Array($0.utf8) }, hashVersion: Int16(try r.int64(row, 13))))
        }
        return out
    }

    /// One page of the ledger after `afterSeq`, in seq order (unverified; see `LedgerReader`).
    public func readPage(afterSeq: Int64, limit: Int = EventStore.readPageRowsMax) throws -> [RecordedEvent] {
        precondition(limit > 0 && limit <= 100_000, "page size out of range")
        try prepareOnce("tl_read_page", "SELECT \(Self.columns) FROM ledger.events WHERE ledger_id = $1 AND seq > $2 ORDER BY seq LIMIT $3")
        return try Self.decodeRows(try connection.executePrepared("tl_read_page", [.text(ledgerId), .int8(afterSeq), .int8(Int64(limit))]))
    }

    /// The events of one stream from `fromVersion` (inclusive), at most `limit` of them, checking
    /// that versions are contiguous. Page through a long stream by calling again from the next version.
    public func readStream(_ streamId: String, fromVersion: Int64 = 1, limit: Int = Int(Int32.max)) throws -> [RecordedEvent] {
        try prepareOnce("tl_read_stream", """
            SELECT \(Self.columns) FROM ledger.events WHERE ledger_id = $1 AND stream_id = $2 AND stream_version >= $3
             ORDER BY stream_version LIMIT $4
            """)
        let events = try Self.decodeRows(try connection.executePrepared(
            "tl_read_stream", [.text(ledgerId), .text(streamId), .int8(fromVersion), .int8(Int64(limit))]))
        for (i, e) in events.enumerated() where e.streamVersion != fromVersion + Int64(i) {
            throw EventStoreError.chainBroken(seq: e.seq, reason: "stream \(streamId) skips from version \(fromVersion + Int64(i) - 1) to \(e.streamVersion)")
        }
        return events
    }

    /// The events of several streams, grouped by stream in version order (one round trip).
    public func readStreams(_ streamIds: [String]) throws -> [String: [RecordedEvent]] {
        guard !streamIds.isEmpty else { return [:] }
        try prepareOnce("tl_read_streams", """
            SELECT \(Self.columns) FROM ledger.events WHERE ledger_id = $1 AND stream_id = ANY($2::text[])
             ORDER BY seq
            """)
        var out: [String: [RecordedEvent]] = [:]
        for e in try Self.decodeRows(try connection.executePrepared("tl_read_streams", [.text(ledgerId), .textArray(streamIds)])) {
            out[e.streamId, default: []].append(e)
        }
        return out
    }

    /// The hash of the event at `seq` (the genesis hash for 0), to resume a verified read.
    public func hash(atSeq seq: Int64) throws -> [UInt8]? {
        if seq == 0 { return EventHash.genesis }
        let r = try connection.execute("SELECT hash FROM ledger.events WHERE ledger_id = $1 AND seq = $2", [.text(ledgerId), .int8(seq)])
        return r.rowCount == 1 ? try r.bytes(0, 0) : nil
    }
}
