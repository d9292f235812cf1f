import Crypto
import EventStore
import LedgerDomain
import LibPQ
import Money

/// Appends a plan's payouts and claims through the bulk path, in chunks of at most
/// `chunkCommandsMax` commands (one transaction each).
///
/// Each payout is its own command: command id = payout id `payout-{merchant}-{ccy}-{date}`,
/// one `MerchantPaidOut` on the stream of that name, expected not to exist. Each claim: command
/// id = claim id, one `SubsidyClaimSubmitted` on the programme's stream at its current version.
/// Before each chunk the command ids already in the log are dropped from it (a killed run's
/// chunks), so running again after any interruption appends exactly what is missing and never
/// pays twice. A chunk that races another writer (the same settlement run twice at once, or a
/// capture on a programme stream) is checked again and retried, at most `retriesMax` times.
public struct SettlementApplier {
    public let store: EventStore
    public var chunkCommandsMax: Int

    /// Wraps each chunk's append (the CLI holds the submitters' turn shared around it, as an
    /// ordinary submit append does); nil: append directly.
    public var aroundAppend: ((() throws -> Void) throws -> Void)? = nil

    public static let chunkCommandsDefault = 5_000
    public static let retriesMax = 8

    public init(store: EventStore, chunkCommandsMax: Int = SettlementApplier.chunkCommandsDefault) {
        precondition(chunkCommandsMax > 0 && chunkCommandsMax <= EventStore.bulkChunkEventsMax, "chunk size out of range")
        self.store = store
        self.chunkCommandsMax = chunkCommandsMax
    }

    public struct Report: Sendable, Equatable {
        public var payoutsAppended = 0
        public var payoutsAlreadyApplied = 0
        public var claimsAppended = 0
        public var claimsAlreadyApplied = 0
        public init() {}
    }

    /// `progress(done, total)` after each chunk (payouts and claims together).
    public func apply(_ plan: SettlementPlan, progress: (Int, Int) -> Void = { _, _ in }) throws -> Report {
        var report = Report()
        let total = plan.payouts.count + plan.claims.count
        var done = 0
        var start = 0
        while start < plan.payouts.count {
            let chunk = Array(plan.payouts[start..<min(start + chunkCommandsMax, plan.payouts.count)])
            let appended = try appendChunk(chunk.map(Self.request))
            report.payoutsAppended += appended
            report.payoutsAlreadyApplied += chunk.count - appended
            start += chunk.count
            done += chunk.count
            progress(done, total)
        }
        if !plan.claims.isEmpty {
            let appended = try appendChunk(nil, claims: plan.claims)
            report.claimsAppended += appended
            report.claimsAlreadyApplied += plan.claims.count - appended
            done += plan.claims.count
            progress(done, total)
        }
        return report
    }

    /// The append of one payout.
    static func request(_ payout: PlannedPayout) -> AppendRequest {
        let event = DomainEvent.merchantPaidOut(payout.event)
        return AppendRequest(commandId: payout.payoutId, requestHash: requestHash(event), expectations: [payout.payoutId: .noStream],
                             events: [newEvent(event)])
    }

    static func newEvent(_ event: DomainEvent) -> NewEvent {
        NewEvent(streamId: event.streamId, eventType: event.eventType, schemaVersion: Int32(event.schemaVersion),
                 body: event.canonicalJSON(), effectiveAt: PGTimestamp(microsecondsSinceUnixEpoch: event.effectiveAt.microsecondsSinceEpoch))
    }

    /// SHA-256 of "settle " and the event's canonical body: the same payout is the same request.
    static func requestHash(_ event: DomainEvent) -> [UInt8] {
        Array(SHA256.hash(data: Array("settle ".utf8) + event.canonicalJSON()))
    }

    /// Appends the requests not yet in the log; returns how many were appended. Claims are built
    /// on each attempt, at their programme streams' current versions.
    private func appendChunk(_ payouts: [AppendRequest]?, claims: [PlannedClaim] = []) throws -> Int {
        for attempt in 1...Self.retriesMax {
            var requests = payouts ?? []
            if payouts == nil {
                let streams = claims.map { StreamID.subsidy($0.programId) }
                let versions = try store.streamVersions(streams)
                requests = zip(claims, streams).map { claim, stream in
                    let event = DomainEvent.subsidyClaimSubmitted(claim.event)
                    return AppendRequest(commandId: claim.claimId, requestHash: Self.requestHash(event),
                                         expectations: [stream: .exact(versions[stream] ?? 0)], events: [Self.newEvent(event)])
                }
            }
            let known = try store.knownCommands(requests.map(\.commandId))
            let fresh = requests.filter { known[$0.commandId] == nil }
            if fresh.isEmpty { return 0 }
            do {
                if let aroundAppend { try aroundAppend { try store.appendBulk(fresh) } } else { try store.appendBulk(fresh) }
                return fresh.count
            } catch let e as EventStoreError {
                switch e.code {
                case .versionConflict, .commandsAlreadyAppended:
                    if attempt == Self.retriesMax {
                        throw SettlementError.gaveUp("gave up after \(Self.retriesMax) attempts: other writers keep moving the settlement's streams (\(e))")
                    }
                    continue
                default: throw e
                }
            }
        }
        preconditionFailure("unreachable: the loop returns or throws")
    }
}
