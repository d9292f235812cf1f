import EventStore
import Foundation
import LedgerDomain
import Money
import Projections
import Settlement

/// `tradeledger settle`: plan a settlement date, then apply it (maker–checker).
///
/// Apply: refuse a date earlier than the latest settled one, and a date not settled before
/// when the ledger is already closed through a later date (its payouts would change closed
/// days); plan; with `--plan`, refuse unless
/// the plan computed now has the plan file's manifest hash (showing what changed); close the
/// date (`closeSettledDate`); plan again, so nothing that raced the close slips in (a change here
/// is refused the same way); record the run in `settle.runs`; append the payouts and claims in
/// chunks (`SettlementApplier`); mark the run complete; write the CSV files. A dry run stops
/// after the first plan and appends nothing.
public struct SettleService {
    public let store: EventStore
    public init(store: EventStore) { self.store = store }

    public struct Options: Sendable {
        public var date: CalendarDay
        public var minimums: [Currency: Amount] = [:]
        public var dryRun = false
        /// `--plan`: apply only this plan (its manifest hash).
        public var planFile: String? = nil
        /// `--plan-out`: write the plan here.
        public var planOut: String? = nil
        public var payoutsCSV: String? = nil
        public var claimsCSV: String? = nil
        public var chunkCommands = SettlementApplier.chunkCommandsDefault

        public init(date: CalendarDay) { self.date = date }
    }

    public struct Outcome: Sendable {
        public var plan: SettlementPlan
        /// nil for a dry run.
        public var report: SettlementApplier.Report?
        /// The date the ledger is closed through after the run (nil for a dry run).
        public var closedThrough: CalendarDay?
    }

    public func run(_ options: Options, progress: (Int, Int) -> Void = { _, _ in }) throws -> Outcome {
        let runs = SettlementRuns(connection: store.connection, ledgerId: store.ledgerId)
        if let latest = try runs.latestDate(), latest > options.date {
            throw AppError(.rejected, SettlementError.earlierThanLatest(date: options.date, latest: latest))
        }
        if let closed = try closedThrough(), closed > options.date, try !runs.hasRun(options.date) {
            throw AppError.rejected("the ledger is closed through \(closed.text), after \(options.date.text): payouts dated \(options.date.text) would change closed days; settle \(closed.text) or a later date (it pays everything owed up to then)")
        }
        let planner = SettlementPlanner(store: store, minimums: options.minimums)
        let plan = try planner.plan(date: options.date)
        if let path = options.planFile { try Self.check(plan, against: try SettlePlanFile.read(path)) }
        if options.dryRun {
            if let path = options.planOut { try SettlePlanFile.write(plan, to: path) }
            return Outcome(plan: plan, report: nil, closedThrough: nil)
        }
        let closed = try closeSettledDate(options.date)
        let final = try planner.plan(date: options.date)
        if final.manifestHash != plan.manifestHash {
            throw AppError(.rejected, SettlementError.stalePlan(expected: plan.manifestHash, actual: final.manifestHash,
                                                                changes: final.changes(since: plan.manifestLines)),
                           note: "\n(the ledger changed while \(options.date.text) was being closed; it is closed now: run settle again)")
        }
        if let later = try runs.begin(options.date, manifestHash: final.manifestHash, payouts: final.payouts.count, claims: final.claims.count) {
            throw AppError(.rejected, SettlementError.earlierThanLatest(date: options.date, latest: later))
        }
        var applier = SettlementApplier(store: store, chunkCommandsMax: options.chunkCommands)
        let turn = SubmitTurn(connection: store.connection, ledgerId: store.ledgerId)
        applier.aroundAppend = { append in try turn.shared(append) }
        let report = try applier.apply(final, progress: progress)
        try runs.complete(options.date)
        if let path = options.planOut { try SettlePlanFile.write(final, to: path) }
        if let path = options.payoutsCSV { try SettleOutput.payoutsCSV(final).write(toFile: path, atomically: true, encoding: .utf8) }
        if let path = options.claimsCSV { try SettleOutput.claimsCSV(final).write(toFile: path, atomically: true, encoding: .utf8) }
        return Outcome(plan: final, report: report, closedThrough: closed)
    }

    /// Settling D closes D: issue #12's closed-period rule (`PeriodService`, the same close as
    /// `tradeledger period close --through D`, idempotent). Returns the date the ledger is closed
    /// through afterwards (D, or a later date closed before).
    func closeSettledDate(_ date: CalendarDay) throws -> CalendarDay {
        switch try PeriodService(store: store).close(through: date) {
        case .closed(let through, _): return through
        case .alreadyClosed(let through): return through
        }
    }

    /// The latest date the ledger is closed through (nil: never closed).
    func closedThrough() throws -> CalendarDay? {
        var state = LedgerState()
        try StateLoader(store: store).load([.stream(StreamID.periods)], into: &state)
        return state.closedThrough
    }

    static func check(_ plan: SettlementPlan, against file: SettlePlanFile) throws {
        guard file.settlementDate == plan.settlementDate else {
            throw AppError(.usage, SettlementError.badPlanFile(field: "settlementDate",
                                                               message: "the plan is for \(file.settlementDate.text), not \(plan.settlementDate.text)"))
        }
        if file.manifestHash != plan.manifestHash {
            throw AppError(.rejected, SettlementError.stalePlan(expected: file.manifestHash, actual: plan.manifestHash,
                                                                changes: plan.changes(since: file.manifestLines)))
        }
    }

    /// Parses `--min-payout CCY=AMOUNT` options (amount in major units, exact for the currency).
    public static func parseMinimums(_ texts: [String]) throws -> [Currency: Amount] {
        var out: [Currency: Amount] = [:]
        for text in texts {
            let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let currency = Currency(code: String(parts[0])) else {
                throw AppError.usage("--min-payout \(text): expected CCY=AMOUNT with an ISO 4217 code, e.g. HKD=100.00")
            }
            do {
                out[currency] = try Amount(parsing: String(parts[1]), currency: currency)
            } catch {
                throw AppError.usage("--min-payout \(text): \(error)", underlying: error)
            }
            if texts.filter({ $0.hasPrefix(String(parts[0]) + "=") }).count > 1 {
                throw AppError.usage("--min-payout: \(currency) is given more than once")
            }
        }
        return out
    }
}
