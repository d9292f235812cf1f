import EventStore
import LibPQ

extension ProjectionRebuilder {
    /// The switch of a rebuild, in one transaction under the live checkpoint's lock (the runner
    /// waits for it, so neither generation moves underneath):
    /// 1. one seq S for the comparison: the further of the live checkpoint and the rebuild's
    ///    progress (neither can go back). Both generations are brought to exactly S, each
    ///    catch-up bounded at S, so the fingerprints compare the same events;
    /// 2. a difference at S throws and rolls everything back, unless `force`;
    /// 3. the new generation is brought on to the head as it stands under the lock, and both
    ///    `proj.generations` and the checkpoint (seq and hash) switch to it: the runner goes on
    ///    from exactly where the new generation ends, so no event is left out of it.
    /// Then the old generation's rows are deleted (unless `deletingOld` is false: the caller
    /// deletes them).
    ///
    /// For balances, the new generation's running balances are written first, under the lock of
    /// its progress row (the pages wrote only the journal): from `deferred` when it holds them
    /// through that row's seq, else summed from the journal (`DeferredBalances.write`).
    func switchOver(_ projection: ProjectionName, generation: Int64, force: Bool, deletingOld: Bool = true,
                    deferred: DeferredBalances? = nil) throws -> Report {
        let name = PGValue.text(projection.rawValue)
        let runner = ProjectionRunner(store: store, pageRows: pageRows)
        let report: Report = try connection.withTransaction { c in
            let live = try runner.lockCheckpoints([projection])[projection]!
            let liveGeneration = try runner.liveGeneration(projection, create: true)
            let rebuilt = try rebuildPosition(projection)
            if projection == .balances {
                try (deferred ?? .unknown).write(c, ledger: store.ledgerId, generation: generation, progress: rebuilt.seq)
            }
            let compareSeq = max(live.seq, rebuilt.seq)
            var events = try bringRebuild(projection, generation: generation, from: rebuilt.seq, to: compareSeq)
            var liveSeq = live.seq
            while liveSeq < compareSeq {
                guard let outcome = try runner.applyOnePage([projection], upTo: compareSeq) else {
                    throw ProjectionError("the log ends before seq \(compareSeq), where \(projection.rawValue) was to be compared",
                                          projection: projection, seq: compareSeq)
                }
                liveSeq = outcome.last.seq
            }
            precondition(liveSeq == compareSeq, "the live catch-up went past the seq it was bounded at")
            let old = try ProjectionFingerprint.stored(c, ledger: store.ledgerId, projection: projection, generation: liveGeneration)
            let new = try ProjectionFingerprint.stored(c, ledger: store.ledgerId, projection: projection, generation: generation)
            if old != new && !force {
                throw ProjectionError("""
                    rebuild of \(projection.rawValue) at seq \(compareSeq) differs from the live projection \
                    (live \(old.prefix(12))…, rebuilt \(new.prefix(12))…); the live projection was left as it was. \
                    If the projection's code changed on purpose, rebuild with --force.
                    """, projection: projection, seq: compareSeq)
            }
            let head = try store.head().seq
            events += try bringRebuild(projection, generation: generation, from: compareSeq, to: head)
            let final = try rebuildPosition(projection)
            let fingerprint = final.seq == compareSeq
                ? new : try ProjectionFingerprint.stored(c, ledger: store.ledgerId, projection: projection, generation: generation)
            try c.execute("UPDATE proj.generations SET generation = $3, switched_at = now() WHERE ledger_id = $1 AND projection = $2",
                          [ledger, name, .int8(generation)])
            try c.execute("""
                UPDATE ledger.checkpoints SET last_seq = $3, last_hash = $4, state_fingerprint = decode($5, 'hex'), updated_at = now()
                 WHERE ledger_id = $1 AND projection = $2
                """, [ledger, name, .int8(final.seq), .bytea(final.hash), .text(fingerprint)])
            try c.execute("DELETE FROM proj.rebuilds WHERE ledger_id = $1 AND projection = $2", [ledger, name])
            return Report(projection: projection, events: events, seq: final.seq, comparedAtSeq: compareSeq, fingerprint: new,
                          previousFingerprint: old, resumed: false, switched: true)
        }
        // The old generation's rows (never read again: the switch committed).
        if deletingOld { try Self.deleteGenerations(connection, ledger: store.ledgerId, projection: projection, except: generation) }
        return report
    }

    /// The rebuild's progress row of `projection`, locked (gone: another rebuild switched first).
    func rebuildPosition(_ projection: ProjectionName) throws -> LogPosition {
        let r = try connection.execute("""
            SELECT last_seq, last_hash FROM proj.rebuilds WHERE ledger_id = $1 AND projection = $2 FOR UPDATE
            """, [ledger, .text(projection.rawValue)])
        guard r.rowCount == 1 else { throw Self.overtaken([projection]) }
        return LogPosition(seq: try r.int64(0, 0), hash: try r.bytes(0, 1))
    }

    /// Applies pages to the rebuild's generation from `from` to exactly `to`; returns the
    /// events applied.
    func bringRebuild(_ projection: ProjectionName, generation: Int64, from: Int64, to target: Int64) throws -> Int {
        var seq = from, events = 0
        while seq < target {
            let n = try applyRebuildPage([projection], generations: [projection: generation], upTo: target)
            guard n.count > 0 else {
                throw ProjectionError("the log ends before seq \(target), where the rebuild of \(projection.rawValue) was to be brought",
                                      projection: projection, seq: target)
            }
            events += n.count
            seq = n.seq
        }
        return events
    }
}
