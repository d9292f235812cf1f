import EventStore
import LedgerDomain
import LibPQ

/// Applies pages of events to a projection's live generation and advances its checkpoint in the
/// same transaction. The checkpoint row is locked first (`FOR UPDATE`) and advanced only from
/// the seq that was read (compare-and-set), so a second runner waits, then sees the new seq and
/// never applies an event twice.
public struct ProjectionRunner {
    public let store: EventStore
    public var pageRows: Int

    public static let pageRowsDefault = 5_000

    public init(store: EventStore, pageRows: Int = ProjectionRunner.pageRowsDefault) {
        self.store = store
        self.pageRows = pageRows
    }

    var connection: PGConnection { store.connection }
    var ledger: PGValue { .text(store.ledgerId) }

    /// Catches `projection` up with the log; returns the number of events applied.
    /// `pagesMax` bounds the work (nil: until caught up).
    @discardableResult
    public func catchUp(_ projection: ProjectionName, pagesMax: Int? = nil) throws -> Int {
        try catchUp([projection], pagesMax: pagesMax)[projection] ?? 0
    }

    /// Catches several projections up in one pass over the log (each event read and decoded
    /// once); returns the events applied to each.
    @discardableResult
    public func catchUp(_ projections: [ProjectionName], pagesMax: Int? = nil) throws -> [ProjectionName: Int] {
        var applied: [ProjectionName: Int] = Dictionary(uniqueKeysWithValues: projections.map { ($0, 0) })
        var pages = 0
        while pagesMax.map({ pages < $0 }) ?? true {
            let page: PageApplier.Outcome? = try connection.withTransaction(.readCommitted) { _ in try applyOnePage(projections) }
            guard let outcome = page else { break }
            for (p, n) in outcome.applied { applied[p, default: 0] += n }
            pages += 1
        }
        return applied
    }

    /// One page in the caller's transaction: lock the checkpoints, read, apply, advance each
    /// checkpoint from the seq that was read (compare-and-set). With `upTo`, the page ends at
    /// that seq at the latest (a rebuild's switch brings the live generation to one seq).
    func applyOnePage(_ projections: [ProjectionName], upTo: Int64? = nil) throws -> PageApplier.Outcome? {
        let positions = try lockCheckpoints(projections)
        var generations: [ProjectionName: Int64] = [:]
        for p in projections { generations[p] = try liveGeneration(p, create: true) }
        guard let outcome = try PageApplier(store: store, pageRows: pageRows).apply(positions: positions, generations: generations,
                                                                                  upTo: upTo) else {
            return nil
        }
        for p in projections where outcome.last.seq > positions[p]!.seq {
            let r = try connection.execute("""
                UPDATE ledger.checkpoints SET last_seq = $3, last_hash = $4, updated_at = now()
                 WHERE ledger_id = $1 AND projection = $2 AND last_seq = $5
                """, [ledger, .text(p.rawValue), .int8(outcome.last.seq), .bytea(outcome.last.hash), .int8(positions[p]!.seq)])
            precondition(r.affectedRows == 1, "checkpoint moved under its own lock")
        }
        return outcome
    }

    /// Locks (creating if needed) the checkpoint rows, in name order; returns their positions.
    func lockCheckpoints(_ projections: [ProjectionName]) throws -> [ProjectionName: LogPosition] {
        let names = PGValue.textArray(projections.map(\.rawValue))
        try connection.execute("""
            INSERT INTO ledger.checkpoints (ledger_id, projection, last_seq, last_hash)
            SELECT $1, p, 0, $3 FROM unnest($2::text[]) AS p ON CONFLICT (ledger_id, projection) DO NOTHING
            """, [ledger, names, .bytea(EventHash.genesis)])
        let r = try connection.execute("""
            SELECT projection, last_seq, last_hash FROM ledger.checkpoints WHERE ledger_id = $1 AND projection = ANY($2::text[])
             ORDER BY projection FOR UPDATE
            """, [ledger, names])
        var out: [ProjectionName: LogPosition] = [:]
        for row in 0..<r.rowCount {
            out[ProjectionName(rawValue: try r.string(row, 0))!] =
                LogPosition(seq: try r.int64(row, 1), hash: try r.optionalBytes(row, 2) ?? EventHash.genesis)
        }
        return out
    }

    /// The live generation of a projection (creating generation rows on first use).
    func liveGeneration(_ projection: ProjectionName, create: Bool) throws -> Int64 {
        if create {
            try connection.execute("""
                INSERT INTO proj.generations (ledger_id, projection, generation) VALUES ($1, $2, nextval('proj.generation_seq'))
                ON CONFLICT (ledger_id, projection) DO NOTHING
                """, [ledger, .text(projection.rawValue)])
        }
        let r = try connection.execute("SELECT generation FROM proj.generations WHERE ledger_id = $1 AND projection = $2",
                                       [ledger, .text(projection.rawValue)])
        return r.rowCount == 1 ? try r.int64(0, 0) : 0
    }

    /// Per projection: checkpoint seq, ledger head seq, lag, last update.
    public struct Status: Sendable {
        public var projection: ProjectionName
        public var checkpointSeq: Int64
        public var headSeq: Int64
        public var lag: Int64 { headSeq - checkpointSeq }
        public var updatedAt: PGTimestamp?
        public var rebuildingToSeq: Int64?
    }

    public func status() throws -> [Status] {
        let head = try store.head().seq
        let r = try connection.execute("""
            SELECT p.name, c.last_seq, c.updated_at, rb.last_seq
              FROM unnest($2::text[]) AS p(name)
              LEFT JOIN ledger.checkpoints c ON c.ledger_id = $1 AND c.projection = p.name
              LEFT JOIN proj.rebuilds rb ON rb.ledger_id = $1 AND rb.projection = p.name
             ORDER BY p.name
            """, [ledger, .textArray(ProjectionName.allCases.map(\.rawValue))])
        return try (0..<r.rowCount).map { row in
            Status(projection: ProjectionName(rawValue: try r.string(row, 0))!, checkpointSeq: try r.optionalInt64(row, 1) ?? 0,
                   headSeq: head, updatedAt: r.isNull(row, 2) ? nil : try r.timestamp(row, 2),
                   rebuildingToSeq: try r.optionalInt64(row, 3))
        }
    }
}
