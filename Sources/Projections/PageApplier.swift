import Dispatch
import EventStore
import Foundation
import LedgerDomain
import LibPQ

/// Where a projection stands in the log: the last seq applied and that event's hash.
struct LogPosition: Equatable {
    var seq: Int64
    var hash: [UInt8]
}

/// One page of the log applied to several projections at once: read (verified) after the lowest
/// of their positions, decoded once on all cores, and each projection given only the events past
/// its own position, written into its generation. Callers lock and advance the positions (the
/// runner's checkpoints, a rebuild's progress rows) in the same transaction.
struct PageApplier {
    let store: EventStore
    let pageRows: Int

    struct Outcome {
        var last: LogPosition
        /// Events applied to each projection.
        var applied: [ProjectionName: Int]
        var read: Int
    }

    /// Nil when there is nothing past the lowest position (or `upTo` is reached).
    func apply(positions: [ProjectionName: LogPosition], generations: [ProjectionName: Int64], upTo: Int64? = nil) throws -> Outcome? {
        guard let start = positions.values.min(by: { $0.seq < $1.seq }) else { return nil }
        var limit = pageRows
        if let upTo { limit = Int(min(Int64(pageRows), upTo - start.seq)) }
        if limit <= 0 { return nil }
        var reader = try LedgerReader(store: store, afterSeq: start.seq, lastHash: start.hash, pageRows: limit)
        let page = try reader.next()
        if page.isEmpty { return nil }
        let projections = positions.keys.sorted()
        var deltas = projections.map { PageDelta($0) }
        for (e, event) in zip(page, try Self.decodePage(page)) {
            for i in deltas.indices where e.seq > positions[deltas[i].projection]!.seq { try deltas[i].add(seq: e.seq, event: event) }
        }
        var applied: [ProjectionName: Int] = [:]
        for d in deltas {
            try d.flush(store.connection, ledger: store.ledgerId, generation: generations[d.projection]!)
            applied[d.projection] = d.events
        }
        return Outcome(last: LogPosition(seq: reader.lastSeq, hash: reader.lastHash), applied: applied, read: page.count)
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
            throw ProjectionError("event at seq \(e.seq) (\(e.eventType) v\(e.schemaVersion)) cannot be read: \(error)", seq: e.seq)
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
