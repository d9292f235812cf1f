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
/// most `EventStore.bulkChunkEventsMax` events, one transaction each. Business time is measured
/// against the database clock, read once per attempt (`DatabaseClock`): a command's `at` may lie
/// at most `futureSkewSeconds` ahead of it, and defaults to it.
///
/// Every input line gets exactly one result, and it is true (`SubmitService+Attempt.swift`): a
/// chunk that committed is final (its commands stay `accepted` whatever happens later in the
/// batch). When another writer moved a stream meanwhile (a version conflict), the commands before
/// the first one that touched (wrote or relied on) that stream are appended as decided, and the
/// batch is decided again from that command against reloaded state. After a conflict the batch
/// holds the submitters' turn (`SubmitTurn`) exclusively for each further attempt of at most
/// `contendedCommandsMax` commands: no other submitter appends meanwhile, so the attempt does not
/// conflict with one, and progress is certain however many submitters share a busy programme.
/// Lock timeouts (55P03) and deadlocks (40P01) are retried with bounded, growing back-off. When
/// retries run out (`conflictRetriesMax` conflicts without progress, or `lockRetriesMax` lock
/// failures), the batch's remaining commands are reported `rejected` with `retries_exhausted`
/// (nothing of them was written) and the run goes on with the next batch.
///
/// Rejected commands are not recorded: re-running a file re-decides them (they are reported as
/// rejected again unless their cause was fixed), so an operator can fix the cause and re-run.
///
/// With a `reader` (a second connection to the same ledger), batch N + 1 is decided on the
/// reader while batch N's first attempt is appended on the store's connection (`AppendAhead`):
/// deciding is the client's half of submit and the bulk append the server's, and one no longer
/// waits for the other. The next batch is decided on top of the in-memory state, which already
/// holds batch N's accepted effects, exactly as it would be once N has committed; so its
/// decisions are the same as without the reader, and so are the events, byte for byte. They are
/// thrown away (and the batch decided again, after N) when N does not append as decided (a
/// conflict, retries given up, an error), when the next batch repeats a command id of N (its
/// duplicate result needs N's seqs), and they are not made when bounding the state
/// (`stateStreamsMax`) would drop it whole: while N is in flight the state is bounded keeping the
/// trade streams N writes (`boundState(keeping:)`), so the next batch is still decided ahead.
/// `Summary.decidedAhead` and `decidedAheadDiscarded` count them.
public final class SubmitService {
    public static let batchCommandsMax = 5_000
    /// Conflicts of one batch in a row, without progress in between, before its remaining
    /// commands are given up.
    public static let conflictRetriesMax = 8
    public static let backoffMillisecondsMax = 200
    /// Commands decided per attempt while the batch holds the exclusive turn (after a conflict),
    /// so the turn is never held long.
    public static let contendedCommandsMax = 1_000
    /// Lock timeouts and deadlocks retried per append (or per wait for the exclusive turn).
    public static let lockRetriesMax = 12
    public static let lockBackoffMillisecondsMax = 2_000
    /// How far a command's `at` may lie ahead of the database clock, by default, and at most.
    public static let futureSkewSecondsDefault: Int64 = 300
    public static let futureSkewSecondsMax: Int64 = 7 * 86_400
    /// Once the in-memory state holds more than this many streams, its trade streams (invoices,
    /// payments, …) are dropped between batches, and all of it when the rest alone holds more
    /// than half as many (`boundState`): memory stays flat however large the file, and later
    /// batches reload what they need.
    public static let stateStreamsMaxDefault = 50_000
    /// The rejection code of a command whose batch ran out of retries (nothing of it was written).
    public static let retriesExhaustedCode = "retries_exhausted"

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
        public var lockRetries = 0
        /// Commands reported `retries_exhausted`.
        public var givenUp = 0
        /// Batches decided while the batch before was being appended (only with a reader), and
        /// how many of those decisions were thrown away and made again after it.
        public var decidedAhead = 0
        public var decidedAheadDiscarded = 0
    }

    let store: EventStore
    /// Where decisions read (commands appended, streams, the clock): a second connection to the
    /// same ledger when given, so that appends and decisions overlap; else the store itself.
    let reader: EventStore
    var decidesAhead: Bool { reader !== store }
    let tokenKey: [UInt8]
    let futureSkewSeconds: Int64
    let turn: SubmitTurn
    var state = LedgerState()
    var batchCommands: Int
    /// Events per bulk transaction (tests lower it to get several chunks out of a small batch).
    var chunkEventsMax = EventStore.bulkChunkEventsMax
    /// See `stateStreamsMaxDefault` (tests lower it to drop the state often).
    var stateStreamsMax = SubmitService.stateStreamsMaxDefault
    /// Times the state was bounded (`boundState`) by dropping its trade streams, and all of it.
    var stateBounded = (tradeStreams: 0, all: 0)
    /// Called before every chunk is appended, with a running count from 0 and whether this
    /// service holds the exclusive turn (tests move a stream from another connection here; while
    /// the turn is held, only by a writer that does not wait for it).
    var beforeAppend: ((_ call: Int, _ exclusive: Bool) throws -> Void)?
    var appendCalls = 0

    /// `reader`: a second connection to the same ledger (see the type's doc), or nil.
    public init(store: EventStore, reader: EventStore? = nil, tokenKey: [UInt8], batchCommands: Int = SubmitService.batchCommandsMax,
                futureSkewSeconds: Int64 = SubmitService.futureSkewSecondsDefault) {
        precondition(batchCommands >= 1, "a batch holds at least one command")
        precondition(reader.map { $0 !== store && $0.connection !== store.connection && $0.ledgerId == store.ledgerId } ?? true,
                     "a reader is another connection to the same ledger")
        self.reader = reader ?? store
        precondition(futureSkewSeconds >= 0 && futureSkewSeconds <= Self.futureSkewSecondsMax, "future skew out of range")
        self.store = store
        self.batchCommands = batchCommands
        self.tokenKey = tokenKey
        self.futureSkewSeconds = futureSkewSeconds
        self.turn = SubmitTurn(connection: store.connection, ledgerId: store.ledgerId)
    }

    /// Runs the whole input; `emit` gets one result per input command, in input order.
    public func run(_ input: inout CommandInput, emit: (Result) -> Void, progress: (Summary) -> Void = { _ in },
                    bytesRead: (Int) -> Void = { _ in }) throws -> Summary {
        var summary = Summary()
        let start = Clock.monotonicSeconds()
        // Batch N + 1 is read here and decoded on another thread while batch N is decided and
        // appended (`DecodeAhead`); a read error still ends the run only after batch N.
        func readBatch() throws -> DecodeAhead? {
            var batch: [CommandInput.Item] = []
            while batch.count < batchCommands, let item = try input.next() { batch.append(item) }
            return batch.isEmpty ? nil : DecodeAhead(batch, tokenKey: tokenKey)
        }
        // The batch being appended (its first attempt), joined before the next one starts.
        var flight: AppendAhead?
        defer { flight?.join() }
        func land(_ f: AppendAhead) throws -> Bool {
            flight = nil
            let appended = try finish(f, &summary, emit)
            summary.seconds = Clock.monotonicSeconds() - start
            bytesRead(f.bytesRead)
            progress(summary)
            return appended
        }
        var next = try readBatch()
        while let current = next {
            let parsed = current.wait()
            let read = input.bytesRead  // up to the end of this batch, for the progress estimate
            var readError: (any Error)?
            do { next = try readBatch() } catch { next = nil; readError = error }
            defer { _ = next?.wait() }
            var window: Window?
            if let f = flight {
                var ahead = decidesAhead && !Self.repeatsCommand(parsed, of: f.parsed)
                if ahead && state.loadedStreams.count > stateStreamsMax {
                    // Bounded while N is in flight, keeping the trade streams N writes (the log
                    // does not hold their effects yet); decided ahead unless everything must go.
                    ahead = boundState(keeping: f.writtenStreams)
                }
                if ahead {
                    // Decided on top of batch N's effects while N is appended. An error here
                    // (the reader's) is met again when the batch is decided after N.
                    summary.decidedAhead += 1
                    window = try? firstWindow(current.batch, parsed)
                }
                let appended = try land(f)
                if ahead && (!appended || window == nil) {
                    // N did not append as decided, or this window was not finished: what the
                    // state holds of it is stale. Decided again, from reloaded state.
                    summary.decidedAheadDiscarded += 1
                    window = nil
                    state = LedgerState()
                }
            }
            if window == nil { boundState() }
            let decided = try window ?? firstWindow(current.batch, parsed)
            flight = AppendAhead(self, batch: current.batch, parsed: parsed, window: decided, progress: BatchProgress(count: current.batch.count),
                                 bytesRead: read, async: decidesAhead)
            if let readError {
                if let f = flight { _ = try land(f) }
                throw readError
            }
        }
        if let f = flight { _ = try land(f) }
        summary.seconds = Clock.monotonicSeconds() - start
        return summary
    }

    /// Keeps the state within `stateStreamsMax` streams between batches: first by dropping the
    /// trade streams, which keeps the parties, cards, programmes and rates every batch reads
    /// again (`LedgerState.withoutTradeStreams`), then, when those alone hold more than half the
    /// bound, by dropping everything.
    ///
    /// With `keeping` (the streams the batch in flight writes), while that batch is appended:
    /// those trade streams stay (the log does not hold their effects yet), and the state is never
    /// dropped whole. False, and the state left as it was, when it would have to be: the next
    /// batch then waits for the one in flight, and the state is bounded after it (`run`).
    @discardableResult
    func boundState(keeping: Set<String>? = nil) -> Bool {
        guard state.loadedStreams.count > stateStreamsMax else { return true }
        let bounded = state.withoutTradeStreams(keeping: keeping ?? [])
        let dropAll = bounded.loadedStreams.count(where: { !LedgerState.isTradeStream($0) }) > stateStreamsMax / 2
        if dropAll && keeping != nil { return false }
        state = dropAll ? LedgerState() : bounded
        stateBounded.tradeStreams += 1
        if dropAll { stateBounded.all += 1 }
        return true
    }

    /// Whether `parsed` holds a command id that `earlier` (the batch in flight) holds too: a
    /// repeat's result (a duplicate, with the first one's seqs) is known only once that batch
    /// has committed, so such a batch is not decided ahead.
    static func repeatsCommand(_ parsed: [Parsed], of earlier: [Parsed]) -> Bool {
        var ids = Set<String>()
        for p in earlier { if case .command(let env) = p { ids.insert(env.commandId) } }
        return parsed.contains { if case .command(let env) = $0 { ids.contains(env.commandId) } else { false } }
    }

    /// The first attempt's decisions for a whole batch (what `attempts` would decide first).
    func firstWindow(_ batch: [CommandInput.Item], _ parsed: [Parsed]) throws -> Window {
        let ctx = DecisionContext(now: try DatabaseClock.now(reader.connection), tokenKey: tokenKey, futureSkewSeconds: futureSkewSeconds)
        return try decideWindow(batch, parsed, BatchProgress(count: batch.count), end: batch.count, ctx)
    }

    /// Joins the batch's first append and makes the rest of the batch final (further attempts
    /// after a failure); emits its results. True when the first attempt appended all of it.
    func finish(_ f: AppendAhead, _ summary: inout Summary, _ emit: (Result) -> Void) throws -> Bool {
        let outcome = f.join()
        summary.lockRetries += f.lockRetries
        var progress = f.progress
        switch outcome {
        case .appended:
            progress.emitFinal(f.batch, &summary, emit)
            return true
        case .failed(let failure):
            try submitRest(f.batch, f.parsed, &progress, after: failure, &summary, emit)
            return false
        case .error(let error):
            progress.emitFinal(f.batch, &summary, emit)
            throw error
        }
    }

    enum Parsed {
        case command(CommandEnvelope)
        case rejected(CommandRejection)
    }

    /// Why an attempt stopped early. The state holds effects of commands that were not
    /// appended, so the caller drops it.
    enum AttemptFailure: Error {
        /// Another writer moved a stream the attempt wrote or relied on.
        case conflict(String)
        /// Lock timeouts or deadlocks beyond `lockRetriesMax`.
        case locksExhausted(String)
    }

    /// One batch: attempts until every line has its final result (see the type's doc). Results
    /// are emitted, in input order, as soon as they are final: when an unexpected error (a lost
    /// connection) ends the run, every line whose command was appended has been reported.
    func submitBatch(_ batch: [CommandInput.Item], summary: inout Summary, emit: (Result) -> Void) throws {
        try submitBatch(batch, Self.decode(batch, tokenKey: tokenKey), summary: &summary, emit: emit)
    }

    /// Each line decoded: its command, or why it is not one.
    static func decode(_ batch: [CommandInput.Item], tokenKey: [UInt8]) -> [Parsed] {
        batch.map { item in
            do throws(CommandRejection) { return .command(try CommandDecoder.decode(item.bytes, tokenKey: tokenKey)) } catch { return .rejected(error) }
        }
    }

    func submitBatch(_ batch: [CommandInput.Item], _ parsed: [Parsed], summary: inout Summary, emit: (Result) -> Void) throws {
        var progress = BatchProgress(count: batch.count)
        try submitRest(batch, parsed, &progress, after: nil, &summary, emit)
    }

    /// Attempts at the batch from `progress.from` (after `failure`, when its first attempt
    /// stopped early) until every line is final, emitting final lines as they come, and also
    /// when an unexpected error ends the run.
    func submitRest(_ batch: [CommandInput.Item], _ parsed: [Parsed], _ progress: inout BatchProgress, after failure: AttemptFailure?,
                    _ summary: inout Summary, _ emit: (Result) -> Void) throws {
        do {
            try attempts(batch, parsed, &progress, after: failure, &summary, emit)
        } catch {
            progress.emitFinal(batch, &summary, emit)
            throw error
        }
        progress.emitFinal(batch, &summary, emit)
    }

    /// How a batch's attempts go after failures: contended (the exclusive turn) after a
    /// conflict, given up after too many conflicts without progress.
    struct Retrying {
        var contended = false
        var conflictsInARow = 0
    }

    /// Attempts at the batch until every line is final, emitting the final ones after each;
    /// `failure` is that of an attempt already made (its progress in `progress`).
    func attempts(_ batch: [CommandInput.Item], _ parsed: [Parsed], _ progress: inout BatchProgress, after failure: AttemptFailure? = nil,
                  _ summary: inout Summary, _ emit: (Result) -> Void) throws {
        var retrying = Retrying()
        if let failure {
            handle(failure, madeProgress: true, batch, parsed, &progress, &retrying, &summary)
            progress.emitFinal(batch, &summary, emit)
        }
        while progress.from < batch.count {
            defer { progress.emitFinal(batch, &summary, emit) }
            let before = progress.from
            do {
                if retrying.contended {
                    try lockExclusiveTurn(&summary)
                    defer { turn.unlockExclusive() }
                    try attempt(batch, parsed, &progress, commandsMax: Self.contendedCommandsMax, exclusive: true, &summary)
                } else {
                    try attempt(batch, parsed, &progress, commandsMax: batch.count, exclusive: false, &summary)
                }
            } catch let failure as AttemptFailure {
                handle(failure, madeProgress: progress.from > before, batch, parsed, &progress, &retrying, &summary)
            }
        }
    }

    /// After an attempt's failure: the state holds effects of commands that were not appended,
    /// so it is dropped; a conflict makes the next attempts contended (after a back-off), or
    /// gives the rest up after too many in a row without progress.
    func handle(_ failure: AttemptFailure, madeProgress: Bool, _ batch: [CommandInput.Item], _ parsed: [Parsed],
                _ progress: inout BatchProgress, _ retrying: inout Retrying, _ summary: inout Summary) {
        state = LedgerState()
        switch failure {
        case .conflict(let reason):
            summary.conflictRetries += 1
            retrying.contended = true
            retrying.conflictsInARow = madeProgress ? 1 : retrying.conflictsInARow + 1
            if retrying.conflictsInARow > Self.conflictRetriesMax {
                giveUp(batch, parsed, &progress, &summary,
                       "other writers kept changing the streams it needs (\(Self.conflictRetriesMax) conflicts in a row; last: \(reason))")
            } else {
                Self.sleep(milliseconds: Int.random(in: 1...(Self.backoffMillisecondsMax * retrying.conflictsInARow)) / Self.conflictRetriesMax)
            }
        case .locksExhausted(let reason):
            giveUp(batch, parsed, &progress, &summary, reason)
        }
    }

    /// Reports every line from `progress.from` on: its decoding rejection, or `retries_exhausted`.
    func giveUp(_ batch: [CommandInput.Item], _ parsed: [Parsed], _ progress: inout BatchProgress, _ summary: inout Summary,
                _ reason: String) {
        for i in progress.from..<batch.count {
            switch parsed[i] {
            case .rejected(let r):
                progress.results[i] = Result(line: batch[i].line, status: .rejected, events: 0, error: r)
            case .command(let env):
                summary.givenUp += 1
                progress.results[i] = Result(line: batch[i].line, commandId: env.commandId, status: .rejected, events: 0, error: CommandRejection(
                    code: Self.retriesExhaustedCode,
                    message: "not appended: \(reason); nothing of this command was written, submit the file again"))
            }
        }
        progress.from = batch.count
    }

    /// Takes the exclusive turn, waiting for it through lock timeouts (bounded).
    func lockExclusiveTurn(_ summary: inout Summary) throws {
        var failures = 0
        while true {
            do {
                try turn.lockExclusive()
                break
            } catch let e as PGError where e.isLockTimeout || e.isDeadlock {
                failures += 1
                summary.lockRetries += 1
                guard failures <= Self.lockRetriesMax else {
                    throw AttemptFailure.locksExhausted("the submitters' turn stayed taken through \(Self.lockRetriesMax) lock timeouts")
                }
                Self.lockBackoff(failures)
            }
        }
    }

    /// A random pause growing with each failure: 50 ms × 2^failures at most, capped.
    static func lockBackoff(_ failures: Int) {
        let ceiling = min(Self.lockBackoffMillisecondsMax, 50 << min(failures, 10))
        sleep(milliseconds: Int.random(in: (ceiling / 2)...ceiling))
    }

    static func sleep(milliseconds: Int) { usleep(useconds_t(max(0, milliseconds)) * 1000) }

    /// Decides, loading what the decision needs (a bounded number of rounds).
    func decide(_ env: CommandEnvelope, _ ctx: DecisionContext) throws -> Decision {
        for _ in 0..<Self.loadRoundsMax {
            let d = LedgerDomain.decide(env, state: state, context: ctx)
            guard case .needs(let needs) = d else { return d }
            try StateLoader(store: reader).load(needs, into: &state)
        }
        preconditionFailure("decision for \(env.commandId) still needs streams after \(Self.loadRoundsMax) loads")
    }
    static let loadRoundsMax = 8

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
            try StateLoader(store: reader).load(needs, into: &state)
            pending = stillNeeding  // only these can discover more (an invoice leads to its parties)
        }
    }
    static let prefetchRoundsMax = 4
}
