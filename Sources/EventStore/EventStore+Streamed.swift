import LibPQ

extension EventStore {
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
        var stager = try BulkStager.begin(self, BulkStreams(declared))
        var index: Int32 = 0
        try events { e in
            try stager.stage(e, commandId: command.commandId, index: index)
            index += 1
        }
        try stager.commit(commandIds: [command.commandId], requestHashes: [command.requestHash])
        return .appended(firstSeq: stager.headSeq + 1, lastSeq: stager.seq)
    }
}
