import LibPQ

extension EventStore {
    static let appendSQL = """
        SELECT outcome, first_seq, last_seq FROM ledger.append($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
        """

    /// Appends one command's events in one round trip (`ledger.append`, prepared once, binary
    /// parameters). Throws `EventStoreError.versionConflict` when a stream moved on, and
    /// `.commandReused` when the command id was used with another request. A twin appended by
    /// another writer while this one waited on the head (TL006) is asked again, which answers
    /// `duplicate` (or `.commandReused`).
    public func append(_ request: AppendRequest) throws -> AppendOutcome {
        request.checkShape()
        try prepareOnce("tl_append", Self.appendSQL)
        let streams = request.expectations.keys.sorted()
        let params: [PGValue] = [
            .text(ledgerId), .text(request.commandId), .bytea(request.requestHash),
            .textArray(streams), .int8Array(streams.map { request.expectations[$0]!.code }),
            .textArray(request.events.map(\.streamId)), .textArray(request.events.map(\.eventType)),
            .int4Array(request.events.map(\.schemaVersion)), .byteaArray(request.events.map(\.body)),
            .array(element: .timestamptz, request.events.map { .timestamptz($0.effectiveAt) }),
        ]
        var r: PGResult?
        for attempt in 1...3 where r == nil {
            do { r = try connection.executePrepared("tl_append", params) } catch where error.sqlState == SQLState.appendRaced && attempt < 3 {
                continue
            } catch { throw Self.map(error, commandId: request.commandId) }
        }
        guard let r else { throw PGError(code: .server, sqlState: SQLState.appendRaced, message: "append: command \(request.commandId) kept racing a twin") }
        let first = try r.int64(0, 1), last = try r.int64(0, 2)
        return try r.string(0, 0) == "duplicate" ? .duplicate(firstSeq: first, lastSeq: last) : .appended(firstSeq: first, lastSeq: last)
    }
}
