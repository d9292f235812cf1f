import Crypto
import EventStore
import LedgerDomain
import LibPQ
import Money

/// `tradeledger period close --through D` (settlement closes its date the same way): appends
/// `PeriodClosed` to `ledger-periods`, after which no submitted command may be dated on or
/// before the end of D (UTC).
///
/// Decided by `PeriodDecisions.close` against the period stream and the database clock: a date
/// on or before the latest closed one is already closed (nothing appended, not an error); a day
/// that has not ended yet is refused (`period_not_ended`, exit 1). The append expects the period
/// stream's version it read (a close by another writer meanwhile is decided again) and holds
/// the submitters' turn shared, like a submit's append. Its command id is
/// `period-close-through-D`, so a re-run is idempotent.
public struct PeriodService {
    public enum Outcome: Sendable, Equatable {
        case closed(through: CalendarDay, seq: Int64)
        case alreadyClosed(through: CalendarDay)
    }

    /// Version conflicts and lock timeouts retried before giving up.
    public static let retriesMax = 8

    let store: EventStore

    public init(store: EventStore) { self.store = store }

    public func close(through: CalendarDay) throws -> Outcome {
        var failures = 0
        while true {
            do {
                return try closeOnce(through: through)
            } catch let e as EventStoreError {
                guard e.code == .versionConflict else { throw e }
                failures += 1
                guard failures <= Self.retriesMax else { throw AppError.rejected("period close: other writers kept changing the period stream (\(e))", underlying: e) }
            } catch let e as PGError where e.isLockTimeout || e.isDeadlock {
                failures += 1
                guard failures <= Self.retriesMax else { throw AppError.rejected("period close: the ledger stayed locked (\(e.message))", underlying: e) }
                SubmitService.lockBackoff(failures)
            }
        }
    }

    func closeOnce(through: CalendarDay) throws -> Outcome {
        var state = LedgerState()
        try StateLoader(store: store).load([.stream(StreamID.periods)], into: &state)
        let now = try DatabaseClock.now(store.connection)
        switch PeriodDecisions.close(through: through, now: now, state: state) {
        case .alreadyClosed(let latest):
            return .alreadyClosed(through: latest)
        case .decided(.rejected(let rejection)):
            throw AppError.rejected("\(rejection.code) [\(rejection.field ?? "")]: \(rejection.message)", underlying: rejection)
        case .decided(.needs):
            preconditionFailure("the period stream was loaded")
        case .decided(.accepted(let pending, let guards)):
            let commandId = "period-close-through-\(through.text)"
            let request = AppendRequest(commandId: commandId, requestHash: Self.requestHash(commandId: commandId, through: through),
                                        decided: pending, guards: guards)
            let outcome = try SubmitTurn(connection: store.connection, ledgerId: store.ledgerId).shared { try store.append(request) }
            return .closed(through: through, seq: outcome.seqRange.lowerBound)
        }
    }

    /// SHA-256 of the request's canonical JSON (keys sorted), as a submitted command's is.
    static func requestHash(commandId: String, through: CalendarDay) -> [UInt8] {
        let json = #"{"commandId":"\#(commandId)","through":"\#(through.text)","type":"PeriodClose"}"#
        return Array(SHA256.hash(data: Array(json.utf8)))
    }
}
