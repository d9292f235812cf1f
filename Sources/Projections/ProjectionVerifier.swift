import EventStore
import LedgerDomain
import LibPQ

/// `verify`, projection part: replays the log into memory up to each projection's checkpoint
/// and compares fingerprints with the stored live generation; checks that the trial balance of
/// the log is zero per currency, then each projection's own checks of its stored rows
/// (`Projection.checkStored`: the stored trial balance, the journals against the rows). Throws
/// a `ProjectionError` naming what differs.
public struct ProjectionVerifier {
    public let store: EventStore
    public init(store: EventStore) { self.store = store }

    public struct Report: Sendable {
        public var fingerprints: [ProjectionName: String] = [:]
        public var checkpointSeqs: [ProjectionName: Int64] = [:]
        public var currencies = 0
    }

    public func run() throws -> Report {
        let runner = ProjectionRunner(store: store)
        var report = Report()
        for s in try runner.status() { report.checkpointSeqs[s.projection] = s.checkpointSeq }
        let (replays, totals) = try replay(through: report.checkpointSeqs)
        for (currency, sum) in totals where sum != 0 {
            throw ProjectionError("trial balance of the log is not zero in \(currency): \(sum) minor units")
        }
        report.currencies = totals.count
        var generations: [ProjectionName: Int64] = [:]
        for p in ProjectionName.allCases {
            let generation = try runner.liveGeneration(p, create: false)
            let stored = try ProjectionFingerprint.stored(store.connection, ledger: store.ledgerId, projection: p, generation: generation)
            let replayed = ProjectionFingerprint.replayed(replays[p]!)
            guard stored == replayed else {
                throw ProjectionError("projection \(p.rawValue) at seq \(report.checkpointSeqs[p]!) differs from a replay of the log (stored \(stored.prefix(12))…, replayed \(replayed.prefix(12))…); rebuild it",
                                      projection: p, seq: report.checkpointSeqs[p]!)
            }
            report.fingerprints[p] = stored
            generations[p] = generation
        }
        for p in ProjectionName.allCases {
            try p.model.checkStored(store.connection, ledger: store.ledgerId, generation: generations[p]!)
        }
        return report
    }

    /// Every projection replayed in memory from the whole log up to its checkpoint, and the
    /// log's postings summed per currency.
    func replay(through checkpoints: [ProjectionName: Int64]) throws -> (replays: [ProjectionName: any Projection], totals: [String: Int64]) {
        var replays: [ProjectionName: any Projection] = [:]
        for p in ProjectionName.allCases { replays[p] = p.model.init(keepJournal: false) }
        var reader = try LedgerReader(store: store)
        var totals: [String: Int64] = [:]
        while true {
            let page = try reader.next()
            if page.isEmpty { break }
            // Up to an event that cannot be read, whose error comes after those of the events before it.
            var events: [DomainEvent] = []
            var unreadable: (any Error)?
            for e in page {
                do { events.append(try PageApplier.decode(e)) } catch { unreadable = error; break }
            }
            let read = Array(page.prefix(events.count))
            for p in ProjectionName.allCases { try replays[p]!.fold(read, events, after: 0, through: checkpoints[p]!) }
            if let unreadable { throw unreadable }
            for event in events { for posting in event.postings { totals[posting.currency.code, default: 0] += posting.amountMinor } }
        }
        return (replays, totals)
    }
}
