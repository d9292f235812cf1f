import EventStore
import Foundation
import LedgerDomain
import LibPQ
import Money

/// `tradeledger submit`: commands → decisions → events, through the bulk append path.
///
/// Input is read in batches of `batchCommandsMax`. For each batch: decode every line; look up
/// which command ids were appended before (a replay with the same request is `duplicate` and
/// returns the first result; a different request is rejected); decide the rest in input order
/// against an in-memory `LedgerState` (later commands see the effects of earlier ones), loading
/// the streams a decision needs from the database; append the accepted events in chunks of at
/// most `EventStore.bulkChunkEventsMax` events, one transaction each. When another writer moved a
/// stream meanwhile, the batch's state is dropped, reloaded and decided again, at most
/// `conflictRetriesMax` times with a randomized back-off.
///
/// Rejected commands are not recorded: re-running a file re-decides them (they are reported as
/// rejected again unless their cause was fixed), so an operator can fix the cause and re-run.
public final class SubmitService {
    public static let batchCommandsMax = 5_000
    public static let conflictRetriesMax = 8
    public static let backoffMillisecondsMax = 200
    /// The in-memory state is dropped between batches once it holds this many streams, so memory
    /// stays flat however large the file (later batches reload what they need).
    public static let stateStreamsMax = 50_000

    public struct Result: Sendable {
        public enum Status: String, Sendable { case accepted, duplicate, rejected }
        public var line: Int
        public var commandId: String?
        public var status: Status
        public var events: Int
        public var firstSeq: Int64?
        public var lastSeq: Int64?
        public var error: CommandRejection?

        public init(line: Int, commandId: String? = nil, status: Status, events: Int, firstSeq: Int64? = nil,
                    lastSeq: Int64? = nil, error: CommandRejection? = nil) {
            self.line = line; self.commandId = commandId; self.status = status; self.events = events
            self.firstSeq = firstSeq; self.lastSeq = lastSeq; self.error = error
        }
    }

    public struct Summary: Sendable {
        public var accepted = 0
        public var duplicate = 0
        public var rejected = 0
        public var events = 0
        public var seconds = 0.0
        public var conflictRetries = 0
    }

    let store: EventStore
    let context: () -> DecisionContext
    var state = LedgerState()
    var batchCommands: Int
    let tokenKey: [UInt8]


    public init(store: EventStore, tokenKey: [UInt8], batchCommands: Int = SubmitService.batchCommandsMax) {
        self.store = store
        self.batchCommands = batchCommands
        self.context = { DecisionContext(now: Clock.now(), tokenKey: tokenKey) }
        self.tokenKey = tokenKey
    }

    /// Runs the whole input; `emit` gets one result per input command, in input order.
    public func run(_ input: inout CommandInput, emit: (Result) -> Void, progress: (Summary) -> Void = { _ in },
                    bytesRead: (Int) -> Void = { _ in }) throws -> Summary {
        var summary = Summary()
        let start = Clock.monotonicSeconds()
        while true {
            var batch: [CommandInput.Item] = []
            while batch.count < batchCommands, let item = try input.next() { batch.append(item) }
            if batch.isEmpty { break }
            let results = try submitBatch(batch, summary: &summary)
            for r in results {
                switch r.status {
                case .accepted: summary.accepted += 1; summary.events += r.events
                case .duplicate: summary.duplicate += 1
                case .rejected: summary.rejected += 1
                }
                emit(r)
            }
            summary.seconds = Clock.monotonicSeconds() - start
            bytesRead(input.bytesRead)
            progress(summary)
            if state.loadedStreams.count > Self.stateStreamsMax { state = LedgerState() }
        }
        summary.seconds = Clock.monotonicSeconds() - start
        return summary
    }

    enum Parsed {
        case command(CommandEnvelope)
        case rejected(CommandRejection)
    }

    func submitBatch(_ batch: [CommandInput.Item], summary: inout Summary) throws -> [Result] {
        let parsed: [Parsed] = batch.map { item in
            do throws(CommandRejection) { return .command(try CommandDecoder.decode(item.bytes, tokenKey: tokenKey)) } catch { return .rejected(error) }
        }
        var attempt = 0
        while true {
            do {
                return try decideAndAppend(batch, parsed)
            } catch let e as EventStoreError {
                switch e {
                case .versionConflict, .commandsAlreadyAppended:
                    attempt += 1
                    summary.conflictRetries += 1
                    guard attempt <= Self.conflictRetriesMax else {
                        throw AppError.rejected("gave up after \(Self.conflictRetriesMax) retries: other writers keep changing the same streams (\(e))")
                    }
                    state = LedgerState()
                    usleep(useconds_t(Int.random(in: 1...(Self.backoffMillisecondsMax * attempt)) * 1000 / Self.conflictRetriesMax))
                default: throw e
                }
            }
        }
    }

    func decideAndAppend(_ batch: [CommandInput.Item], _ parsed: [Parsed]) throws -> [Result] {
        var ids: [String] = []
        for p in parsed { if case .command(let c) = p { ids.append(c.commandId) } }
        let known = try store.knownCommands(ids)
        var results: [Result] = []
        results.reserveCapacity(batch.count)
        var requests: [AppendRequest] = []
        var requestIndex: [Int] = []  // results index of each request
        var seenInBatch: [String: (hash: [UInt8], index: Int)] = [:]
        var repeats: [(index: Int, of: Int)] = []  // in-batch duplicates of an accepted command
        let ctx = context()
        var fresh: [CommandEnvelope] = []
        for p in parsed { if case .command(let env) = p, known[env.commandId] == nil { fresh.append(env) } }
        try prefetch(fresh, ctx)

        for (i, p) in parsed.enumerated() {
            let line = batch[i].line
            guard case .command(let env) = p else {
                if case .rejected(let r) = p { results.append(Result(line: line, commandId: nil, status: .rejected, events: 0, error: r)) }
                continue
            }
            if let k = known[env.commandId] {
                if k.requestHash == env.requestHash {
                    results.append(Result(line: line, commandId: env.commandId, status: .duplicate,
                                          events: Int(k.lastSeq - k.firstSeq + 1), firstSeq: k.firstSeq, lastSeq: k.lastSeq))
                } else {
                    results.append(reused(line, env.commandId))
                }
                continue
            }
            if let earlier = seenInBatch[env.commandId] {
                // The same command twice in one batch: the later line repeats the earlier result
                // (a duplicate of it when accepted; seqs are filled in after the append).
                guard earlier.hash == env.requestHash else { results.append(reused(line, env.commandId)); continue }
                var r = results[earlier.index]
                r.line = line
                if r.status == .accepted {
                    r.status = .duplicate
                    repeats.append((results.count, earlier.index))
                }
                results.append(r)
                continue
            }
            seenInBatch[env.commandId] = (env.requestHash, results.count)
            switch try decide(env, ctx) {
            case .rejected(let r):
                results.append(Result(line: line, commandId: env.commandId, status: .rejected, events: 0, error: r))
            case .needs:
                preconditionFailure("decide(_:_:) resolves every need before returning")
            case .accepted(let pending, _):
                try state.applyAccepted(pending)
                var expectations: [String: ExpectedVersion] = [:]
                for e in pending where expectations[e.streamId] == nil {
                    expectations[e.streamId] = e.expectedVersion == 0 ? .noStream : .exact(e.expectedVersion)
                }
                requests.append(AppendRequest(
                    commandId: env.commandId, requestHash: env.requestHash, expectations: expectations,
                    events: pending.map { NewEvent(streamId: $0.streamId, eventType: $0.event.eventType,
                                                   schemaVersion: Int32($0.event.schemaVersion), body: $0.event.canonicalJSON(),
                                                   effectiveAt: PGTimestamp(microsecondsSinceUnixEpoch: $0.event.effectiveAt.microsecondsSinceEpoch)) }))
                requestIndex.append(results.count)
                results.append(Result(line: line, commandId: env.commandId, status: .accepted, events: pending.count))
            }
        }

        // Append in chunks of whole commands, at most bulkChunkEventsMax events each.
        var start = 0
        while start < requests.count {
            var end = start, events = 0
            while end < requests.count && (end == start || events + requests[end].events.count <= EventStore.bulkChunkEventsMax) {
                events += requests[end].events.count
                end += 1
            }
            let outcomes = try store.appendBulk(Array(requests[start..<end]))
            for (k, o) in outcomes.enumerated() {
                let idx = requestIndex[start + k]
                results[idx].firstSeq = o.seqRange.lowerBound
                results[idx].lastSeq = o.seqRange.upperBound
            }
            start = end
        }
        // In-batch duplicates copied their accepted result before its seqs were known.
        for (i, j) in repeats {
            results[i].firstSeq = results[j].firstSeq
            results[i].lastSeq = results[j].lastSeq
        }
        return results
    }

    func reused(_ line: Int, _ id: String) -> Result {
        Result(line: line, commandId: id, status: .rejected, events: 0,
               error: CommandRejection(code: "command_id_reused", field: "commandId",
                                       message: "command id \(id) was already used with a different request"))
    }

    /// Loads, in a few batched reads, the streams the batch's decisions will need: each round
    /// decides every command against the current state only to collect what it is missing
    /// (an invoice leads to its parties, so needs unfold over rounds), then reads all of it in one
    /// query. Without this, each command would cost its own round trips.
    func prefetch(_ envelopes: [CommandEnvelope], _ ctx: DecisionContext) throws {
        var pending = envelopes
        for _ in 0..<Self.prefetchRoundsMax {
            var needs = Set<StreamNeed>()
            var stillNeeding: [CommandEnvelope] = []
            for env in pending {
                if case .needs(let n) = LedgerDomain.decide(env, state: state, context: ctx) {
                    needs.formUnion(n)
                    stillNeeding.append(env)
                }
            }
            if needs.isEmpty { return }
            try StateLoader(store: store).load(needs, into: &state)
            pending = stillNeeding  // only these can discover more (an invoice leads to its parties)
        }
    }
    static let prefetchRoundsMax = 4

    /// Decides, loading what the decision needs (a bounded number of rounds).
    func decide(_ env: CommandEnvelope, _ ctx: DecisionContext) throws -> Decision {
        for _ in 0..<Self.loadRoundsMax {
            let d = LedgerDomain.decide(env, state: state, context: ctx)
            guard case .needs(let needs) = d else { return d }
            try StateLoader(store: store).load(needs, into: &state)
        }
        preconditionFailure("decision for \(env.commandId) still needs streams after \(Self.loadRoundsMax) loads")
    }
    static let loadRoundsMax = 8
}

/// Loads streams from the store into a `LedgerState`, folding their events.
public struct StateLoader {
    public let store: EventStore
    public init(store: EventStore) { self.store = store }

    /// Events read per query when loading state.
    public static let readEventsMax = 5_000

    func fold(_ events: [RecordedEvent], into state: inout LedgerState) throws {
        for e in events {
            let event = try DomainEvent.decode(eventType: e.eventType, schemaVersion: Int(e.schemaVersion), body: e.body)
            try state.apply(streamId: e.streamId, streamVersion: e.streamVersion, event: event, seq: e.seq)
        }
    }

    public func load(_ needs: Set<StreamNeed>, into state: inout LedgerState) throws {
        var ids: [String] = []
        var types: [String] = []
        for n in needs {
            switch n {
            case .stream(let s): ids.append(s)
            case .allOfType(let t): types.append(t); ids += try store.streamIds(ofType: t)
            }
        }
        ids = ids.filter { !state.loadedStreams.contains($0) }
        // Memory stays bounded by one read however long a stream is: short streams are read
        // together in groups of at most `readEventsMax` events, long ones (a busy subsidy
        // programme) page by page.
        let versions = try store.streamVersions(ids)
        var group: [String] = []
        var groupEvents: Int64 = 0
        func flushGroup() throws {
            let events = try store.readStreams(group)
            for id in group { try fold(events[id] ?? [], into: &state) }
            group.removeAll(keepingCapacity: true)
            groupEvents = 0
        }
        for id in ids {
            let count = versions[id] ?? 0
            if count > Int64(Self.readEventsMax) {
                var from: Int64 = 1
                while from <= count {
                    let page = try store.readStream(id, fromVersion: from, limit: Self.readEventsMax)
                    if page.isEmpty { break }
                    try fold(page, into: &state)
                    from += Int64(page.count)
                }
                continue
            }
            if groupEvents + count > Int64(Self.readEventsMax) { try flushGroup() }
            group.append(id)
            groupEvents += count
        }
        if !group.isEmpty { try flushGroup() }
        for id in ids { state.markLoaded(id) }
        for t in types { state.markLoaded(allOfType: t) }
    }
}
