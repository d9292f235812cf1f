import Dispatch
import EventStore
import Foundation
import LedgerDomain
import LibPQ

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
        let events = try Self.decodePage(page)
        var applied: [ProjectionName: Int] = [:]
        for p in positions.keys.sorted() {
            applied[p] = try Self.apply(p.model, page, events, after: positions[p]!.seq, store: store, generation: generations[p]!)
        }
        return Outcome(last: LogPosition(seq: reader.lastSeq, hash: reader.lastHash), applied: applied, read: page.count)
    }

    /// Folds the page's events past `after` into a fresh delta of `model` and writes it into
    /// `generation`; returns the events folded. Generic, so the fold runs on the concrete type.
    static func apply<P: Projection>(_ model: P.Type, _ page: [RecordedEvent], _ events: [DomainEvent], after: Int64,
                                     store: EventStore, generation: Int64) throws -> Int {
        let delta = try fold(model, page, events, after: after)
        try delta.flush(store.connection, ledger: store.ledgerId, generation: generation)
        return delta.events
    }

    /// Folds the page's events past `after` into a fresh delta of `model` (not written).
    static func fold<P: Projection>(_ model: P.Type, _ page: [RecordedEvent], _ events: [DomainEvent], after: Int64) throws -> P {
        var delta = P(keepJournal: true)
        try delta.fold(page, events, after: after, through: .max)
        return delta
    }

    /// A page read past `start` (verified), decoded and folded into a fresh delta per projection,
    /// all from that one position, and not yet written (`write`): what the rebuild prepares on
    /// another thread for page N+1 while page N is being written (`PageAhead`).
    struct FoldedPage {
        var start: LogPosition
        var last: LogPosition
        var read: Int
        var deltas: [ProjectionName: any Projection]

        /// Decodes and folds `page`, the events after `start` up to and including `last`.
        init(_ projections: [ProjectionName], page: [RecordedEvent], start: LogPosition, last: LogPosition) throws {
            self.start = start
            self.last = last
            read = page.count
            let events = try PageApplier.decodePage(page)
            deltas = [:]
            for p in projections.sorted() { deltas[p] = try PageApplier.fold(p.model, page, events, after: start.seq) }
        }

        /// Writes each delta (of `only` those projections, when given) into its projection's
        /// generation, in name order (as `apply`), as a rebuild page (`flushRebuildPage`).
        func write(_ store: EventStore, generations: [ProjectionName: Int64], only: [ProjectionName]? = nil) throws {
            for p in deltas.keys.sorted() where only?.contains(p) ?? true {
                try deltas[p]!.flushRebuildPage(store.connection, ledger: store.ledgerId, generation: generations[p]!)
            }
        }

        /// This page's balances, once its journal and progress are written, into a rebuild's
        /// running sums.
        func addBalances(to deferred: DeferredBalances?) throws {
            guard let deferred, let balances = deltas[.balances] as? BalancesProjection else { return }
            try deferred.add(balances, from: start.seq, to: last.seq)
        }
    }

    /// Decodes a page of events on all cores (decoding re-checks each body's canonical form and
    /// its postings, and is the larger part of a rebuild's CPU time). Order is kept: each chunk
    /// is decoded straight into its place in the result (per-chunk arrays cost a copy of every
    /// event into the page's and the release of each chunk's). When a chunk fails, everything
    /// decoded is destroyed and the error of the first failing chunk is thrown.
    static func decodePage(_ page: [RecordedEvent]) throws -> [DomainEvent] {
        let chunk = 512
        let chunks = (page.count + chunk - 1) / chunk
        if chunks <= 1 { return try page.map(decode) }
        let failures = DecodeFailures(count: chunks)
        return try [DomainEvent](unsafeUninitializedCapacity: page.count) { buffer, initialized in
            let count = page.count
            @Sendable func range(_ i: Int) -> Range<Int> { (i * chunk)..<min(count, (i + 1) * chunk) }
            let into = Destination(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunks) { i in
                let r = range(i)
                for j in r {
                    do { (into.base + j).initialize(to: try decode(page[j])) } catch {
                        (into.base + r.lowerBound).deinitialize(count: j - r.lowerBound)
                        failures.set(i, error)
                        return
                    }
                }
            }
            let errors = failures.all
            if let first = errors.firstIndex(where: { $0 != nil }) {
                for i in 0..<chunks where errors[i] == nil { (into.base + range(i).lowerBound).deinitialize(count: range(i).count) }
                initialized = 0
                throw errors[first]!
            }
            initialized = count
        }
    }

    /// Where the decoding threads write a page's events, each thread its own chunk only.
    struct Destination: @unchecked Sendable { let base: UnsafeMutablePointer<DomainEvent> }

    static func decode(_ e: RecordedEvent) throws -> DomainEvent {
        do { return try DomainEvent.decode(eventType: e.eventType, schemaVersion: Int(e.schemaVersion), body: e.body) } catch {
            throw ProjectionError("event at seq \(e.seq) (\(e.eventType) v\(e.schemaVersion)) cannot be read: \(error)", seq: e.seq)
        }
    }
}
