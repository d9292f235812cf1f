import Dispatch
import EventStore
import Foundation
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
        var applied = 0, pages = 0
        while pagesMax.map({ pages < $0 }) ?? true {
            let n = try connection.withTransaction { _ in try applyOnePage(projection) }
            if n == 0 { break }
            applied += n
            pages += 1
        }
        return applied
    }

    /// One page in the caller's transaction: lock the checkpoint, read, apply, advance.
    func applyOnePage(_ projection: ProjectionName) throws -> Int {
        let (seq, hash) = try lockCheckpoint(projection)
        let generation = try liveGeneration(projection, create: true)
        var reader = try LedgerReader(store: store, afterSeq: seq, lastHash: hash, pageRows: pageRows)
        let page = try reader.next()
        if page.isEmpty { return 0 }
        var delta = PageDelta(projection)
        for (e, event) in zip(page, try Self.decodePage(page)) { try delta.add(seq: e.seq, event: event) }
        try delta.flush(connection, ledger: store.ledgerId, generation: generation)
        let r = try connection.execute("""
            UPDATE ledger.checkpoints SET last_seq = $3, last_hash = $4, updated_at = now()
             WHERE ledger_id = $1 AND projection = $2 AND last_seq = $5
            """, [ledger, .text(projection.rawValue), .int8(reader.lastSeq), .bytea(reader.lastHash), .int8(seq)])
        precondition(r.affectedRows == 1, "checkpoint moved under its own lock")
        return page.count
    }

    /// Decodes a page of events on all cores (decoding re-checks each body's canonical form and
    /// its postings, and is the larger part of a rebuild's CPU time). Order is kept.
    static func decodePage(_ page: [RecordedEvent]) throws -> [DomainEvent] {
        let chunk = 512
        let chunks = (page.count + chunk - 1) / chunk
        if chunks <= 1 { return try page.map(decode) }
        let results = DecodeSlots(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { i in
            let slice = page[(i * chunk)..<min(page.count, (i + 1) * chunk)]
            results.set(i, Result { try slice.map(decode) })
        }
        var out: [DomainEvent] = []
        out.reserveCapacity(page.count)
        for i in 0..<chunks { out += try results.get(i).get() }
        return out
    }

    static func decode(_ e: RecordedEvent) throws -> DomainEvent {
        do { return try DomainEvent.decode(eventType: e.eventType, schemaVersion: Int(e.schemaVersion), body: e.body) } catch {
            throw ProjectionError("event at seq \(e.seq) (\(e.eventType) v\(e.schemaVersion)) cannot be read: \(error)")
        }
    }

    /// Locks (creating if needed) the checkpoint row; returns its seq and hash.
    func lockCheckpoint(_ projection: ProjectionName) throws -> (Int64, [UInt8]) {
        try connection.execute("""
            INSERT INTO ledger.checkpoints (ledger_id, projection, last_seq, last_hash) VALUES ($1, $2, 0, $3)
            ON CONFLICT (ledger_id, projection) DO NOTHING
            """, [ledger, .text(projection.rawValue), .bytea(EventHash.genesis)])
        let r = try connection.execute("""
            SELECT last_seq, last_hash FROM ledger.checkpoints WHERE ledger_id = $1 AND projection = $2 FOR UPDATE
            """, [ledger, .text(projection.rawValue)])
        return (try r.int64(0, 0), try r.optionalBytes(0, 1) ?? EventHash.genesis)
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

/// Per-chunk results of a parallel decode.
final class DecodeSlots: @unchecked Sendable {
    private var slots: [Result<[DomainEvent], any Error>?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: Result<[DomainEvent], any Error>) { lock.lock(); slots[i] = r; lock.unlock() }
    func get(_ i: Int) -> Result<[DomainEvent], any Error> { lock.lock(); defer { lock.unlock() }; return slots[i]! }
}
