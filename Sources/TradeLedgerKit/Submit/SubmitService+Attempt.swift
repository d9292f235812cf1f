import EventStore
import LedgerDomain
import LibPQ

/// One attempt at a batch: decide the lines from `progress.from` (at most `commandsMax` of
/// them) against the in-memory state, then append the accepted ones chunk by chunk. A chunk that
/// commits makes final in `progress` every line up to its last command (the rejected and
/// duplicate lines among them too); a conflict stops the attempt at the first command that
/// touched the moved stream, after appending the commands before it as decided, and every line
/// after the last appended command is decided again.
extension SubmitService {
    /// The decisions of one attempt, over the lines `from..<end` of the batch.
    struct Window {
        let from: Int
        let end: Int
        /// One result per line of the window (`results[i - from]`); requests' seqs filled in on commit.
        var results: [Result] = []
        var requests: [AppendRequest] = []
        /// The batch index of each request's line.
        var requestLine: [Int] = []
        /// Lines repeating an accepted command of the window (batch indices), filled in on commit.
        var repeats: [(line: Int, of: Int)] = []
    }

    func attempt(_ batch: [CommandInput.Item], _ parsed: [Parsed], _ progress: inout BatchProgress, commandsMax: Int,
                 exclusive: Bool, _ summary: inout Summary) throws {
        let ctx = DecisionContext(now: try DatabaseClock.now(reader.connection), tokenKey: tokenKey, futureSkewSeconds: futureSkewSeconds)
        var window = try decideWindow(batch, parsed, progress, end: min(batch.count, progress.from + commandsMax), ctx)
        try appendWindow(&window, &progress, exclusive: exclusive, &summary)
    }

    func decideWindow(_ batch: [CommandInput.Item], _ parsed: [Parsed], _ progress: BatchProgress, end: Int,
                      _ ctx: DecisionContext) throws -> Window {
        var window = Window(from: progress.from, end: end)
        window.results.reserveCapacity(end - window.from)
        var ids: [String] = []
        for p in parsed[window.from..<end] { if case .command(let c) = p { ids.append(c.commandId) } }
        let known = try reader.knownCommands(ids)
        // Lines decided in earlier attempts are final: a later repeat of one copies its result.
        var seen: [String: (hash: [UInt8], line: Int)] = [:]
        for i in 0..<window.from { if case .command(let env) = parsed[i], seen[env.commandId] == nil { seen[env.commandId] = (env.requestHash, i) } }
        func result(_ i: Int) -> Result { i < window.from ? progress.results[i]! : window.results[i - window.from] }
        var fresh: [CommandEnvelope] = []
        for p in parsed[window.from..<end] { if case .command(let env) = p, known[env.commandId] == nil { fresh.append(env) } }
        try prefetch(fresh, ctx)

        for i in window.from..<end {
            let line = batch[i].line
            guard case .command(let env) = parsed[i] else {
                if case .rejected(let r) = parsed[i] { window.results.append(Result(line: line, status: .rejected, events: 0, error: r)) }
                continue
            }
            if let k = known[env.commandId] {
                window.results.append(k.requestHash == env.requestHash
                    ? Result(line: line, commandId: env.commandId, status: .duplicate, events: Int(k.lastSeq - k.firstSeq + 1),
                             firstSeq: k.firstSeq, lastSeq: k.lastSeq)
                    : reused(line, env.commandId))
                continue
            }
            if let earlier = seen[env.commandId] {
                // The same command twice in one batch: the later line repeats the earlier result
                // (a duplicate of it when accepted; seqs are filled in when it commits).
                guard earlier.hash == env.requestHash else { window.results.append(reused(line, env.commandId)); continue }
                var r = result(earlier.line)
                r.line = line
                if r.status == .accepted {
                    r.status = .duplicate
                    if earlier.line >= window.from { window.repeats.append((i, earlier.line)) }
                }
                window.results.append(r)
                continue
            }
            seen[env.commandId] = (env.requestHash, i)
            switch try decide(env, ctx) {
            case .rejected(let r):
                window.results.append(Result(line: line, commandId: env.commandId, status: .rejected, events: 0, error: r))
            case .needs:
                preconditionFailure("decide(_:_:) resolves every need before returning")
            case .accepted(let pending, let guards):
                try state.applyAccepted(pending)
                window.requests.append(AppendRequest(commandId: env.commandId, requestHash: env.requestHash, decided: pending, guards: guards))
                window.requestLine.append(i)
                window.results.append(Result(line: line, commandId: env.commandId, status: .accepted, events: pending.count))
            }
        }
        return window
    }

    /// Appends the window's requests in chunks of whole commands (at most `chunkEventsMax`
    /// events each). On a conflict, the requests before the first one that touches the moved
    /// stream (a write or a guard) do not depend on it: they are appended as decided, and the
    /// attempt stops there with `.conflict`.
    func appendWindow(_ window: inout Window, _ progress: inout BatchProgress, exclusive: Bool, _ summary: inout Summary) throws {
        var next = 0
        var stop = window.requests.count
        var conflict: String? = nil
        while next < stop {
            var end = next, events = 0
            while end < stop && (end == next || events + window.requests[end].events.count <= chunkEventsMax) {
                events += window.requests[end].events.count
                end += 1
            }
            if let hook = beforeAppend { try hook(appendCalls, exclusive) }
            appendCalls += 1
            do {
                let outcomes = try appendWithLockRetries(Array(window.requests[next..<end]), exclusive: exclusive, &summary)
                for (k, o) in outcomes.enumerated() {
                    let index = window.requestLine[next + k] - window.from
                    window.results[index].firstSeq = o.seqRange.lowerBound
                    window.results[index].lastSeq = o.seqRange.upperBound
                }
                next = end
                commit(window, &progress, boundary: window.requestLine[next - 1] + 1)
            } catch let e as EventStoreError where e.code == .versionConflict {
                let stream = e.stream ?? ""
                // Named for the operator unless the id might hold a card number (never echoed).
                conflict = stream.isEmpty ? "a stream of the chunk moved"
                    : PANDetector.mayHoldCardNumber(stream) ? "a stream of the chunk moved (id withheld)" : "stream \(stream) moved"
                stop = (next..<end).first { window.requests[$0].expectations[stream] != nil } ?? next
            } catch let e as EventStoreError where e.code == .commandsAlreadyAppended {
                conflict = "\(e.commandIds.count) command(s) of the chunk were appended by another writer meanwhile"
                stop = next
            }
        }
        if let conflict { throw AttemptFailure.conflict(conflict) }
        commit(window, &progress, boundary: window.end)
    }

    /// Makes final every line of the window before `boundary`: up to the last appended command
    /// while the window is being appended (a line decided after it is decided again should the
    /// attempt stop), the whole window once all of it was appended.
    func commit(_ window: Window, _ progress: inout BatchProgress, boundary: Int) {
        guard boundary > progress.from else { return }
        var results = window.results
        for (line, of) in window.repeats where line < boundary {
            results[line - window.from].firstSeq = results[of - window.from].firstSeq
            results[line - window.from].lastSeq = results[of - window.from].lastSeq
        }
        for i in progress.from..<boundary { progress.results[i] = results[i - window.from] }
        progress.from = boundary
    }

    /// One chunk, retrying lock timeouts and deadlocks with back-off (the chunk was rolled back,
    /// so the same requests are sent again; a stale one then conflicts).
    func appendWithLockRetries(_ requests: [AppendRequest], exclusive: Bool, _ summary: inout Summary) throws -> [AppendOutcome] {
        var failures = 0
        while true {
            do {
                return exclusive ? try store.appendBulk(requests) : try turn.shared { try store.appendBulk(requests) }
            } catch let e as PGError where e.isLockTimeout || e.isDeadlock {
                failures += 1
                summary.lockRetries += 1
                guard failures <= Self.lockRetriesMax else {
                    throw AttemptFailure.locksExhausted("the ledger stayed locked through \(Self.lockRetriesMax) lock timeouts or deadlocks (\(e.message))")
                }
                Self.lockBackoff(failures)
            }
        }
    }

    func reused(_ line: Int, _ id: String) -> Result {
        Result(line: line, commandId: id, status: .rejected, events: 0,
               error: CommandRejection(code: "command_id_reused", field: "commandId",
                                       message: "command id \(id) was already used with a different request"))
    }
}
