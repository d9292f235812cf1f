import EventStore
import Foundation
import LedgerDomain
import LibPQ
import Money
import Reconciliation
import VisaSettlement

/// `tradeledger reconcile FILE`: imports one Visa settlement file (RECONCILIATION.md).
///
/// Phases: **parse** streams the file once, hashing it and validating every record (an invalid
/// file imports nothing); **index** takes the ledger's reconciliation lock (`recon.cursors`, FOR
/// UPDATE), catches `recon.items` up with the log through the head read under that lock, and
/// loads the unmatched items into a `LedgerIndex`; **match** streams the file a second time
/// through the `ReconEngine` (a hash join, no round trip per record); **append** writes the read
/// models and appends every event of the file with one bulk append, in the same transaction, and
/// commits. A crash (even SIGKILL) before COMMIT leaves nothing; a rerun starts over.
///
/// Memory: the index (the ledger's unmatched items) and what is bounded by streams (exceptions,
/// chargebacks, fundings: the bulk append names each stream before its first row), not the file.
/// The matched items and fees, one per line, are encoded as `SettlementItemsMatched` /
/// `SchemeFeesCharged` bodies during the match pass into an `ImportSpool` (unlinked temporary
/// files: nothing survives the process) and streamed from there into the bulk append; the match
/// changes are arrays of the index's size, streamed into `recon.matches`.
///
/// Snapshot: the import matches against the captures and refunds with seq ≤ the head it read
/// after taking the lock. A capture that `submit` commits later is not in this import (its line,
/// if the file has one, is `missing_in_ledger`); the next import indexes it. Exclusivity: imports
/// and manual matches of a ledger hold the same lock, `recon.matches` is keyed by the item (a
/// second match fails), and every exception stream is appended with an expected version.
public final class ReconcileService {
    public static let graceDaysDefault = 2
    /// A version conflict (someone resolved an exception this import closes) restarts it.
    public static let conflictRetriesMax = 3

    public struct Options: Sendable {
        public var dryRun = false
        public var graceDays = ReconcileService.graceDaysDefault
        public init(dryRun: Bool = false, graceDays: Int = ReconcileService.graceDaysDefault) {
            self.dryRun = dryRun
            self.graceDays = graceDays
        }
    }

    /// Progress: a phase name and the fraction of the file read in it (0...1).
    public typealias Progress = (String, Double) -> Void

    let store: EventStore
    /// A second connection to the same ledger, or nil: with it, the index phase's catch-up
    /// extracts the items on one backend while the other writes them (`ReconStore.catchUpAndLoadIndex`).
    let reader: EventStore?
    let tokenKey: [UInt8]
    let options: Options
    let progress: Progress

    public init(store: EventStore, reader: EventStore? = nil, tokenKey: [UInt8], options: Options = Options(),
                progress: @escaping Progress = { _, _ in }) {
        precondition(options.graceDays >= 0, "grace days are not negative")
        precondition(reader.map { $0.connection !== store.connection && $0.ledgerId == store.ledgerId } ?? true,
                     "a reader is another connection to the same ledger")
        self.store = store
        self.reader = reader
        self.tokenKey = tokenKey
        self.options = options
        self.progress = progress
    }

    var recon: ReconStore { ReconStore(connection: store.connection, ledgerId: store.ledgerId) }

    public func run(path: String) throws -> ReconReport {
        let size = ReconcileFile.size(path) ?? 0
        var clock = PhaseClock()
        let first = try ReconcileFile.read(path, visitor: FileSurvey()) { self.progress("parse", size > 0 ? Double($0) / Double(size) : 1) }
        var report = ReconReport(fileId: first.sha256)
        report.dryRun = options.dryRun
        clock.lap("parse", into: &report)
        let summary: VisaFileSummary
        switch first.result {
        case .failure(let rejection):
            report.rejection = rejection
            report.processingDate = rejection.header.flatMap { Self.day($0.processingDate) }
            return report
        case .success(let s): summary = s
        }
        report.records = summary.recordCount
        report.skippedRecords = summary.skipped
        report.transactions = first.visitor.transactions
        report.processingDate = Self.day(summary.header.processingDate)
        do {
            report.netChecks = try first.visitor.netChecks.checks()
        } catch {
            preconditionFailure("the reader checks the same sums: \(error)")
        }
        var attempt = 0
        while true {
            do {
                return try store.connection.withTransaction { _ in
                    try self.importInTransaction(path: path, size: size, summary: summary, survey: first.visitor,
                                                 report: report, clock: clock)
                }
            } catch let e as EventStoreError {
                switch e.code {
                case .versionConflict, .commandsAlreadyAppended:
                    attempt += 1
                    if attempt > Self.conflictRetriesMax { throw AppError.rejected("gave up after \(Self.conflictRetriesMax) retries: \(e)", underlying: e) }
                default: throw e
                }
            } catch let e as DryRunFinished {
                return e.report
            }
        }
    }

    static func day(_ d: VisaDate) -> CalendarDay? { CalendarDay(year: d.year, month: d.month, day: d.day) }

    /// Thrown out of the transaction to roll a dry run back with its report.
    struct DryRunFinished: Error { let report: ReconReport }

    private func importInTransaction(path: String, size: Int, summary: VisaFileSummary, survey: FileSurvey,
                                     report initial: ReconReport, clock initialClock: PhaseClock) throws -> ReconReport {
        var report = initial
        var clock = initialClock
        let header = summary.header
        guard let processingDate = Self.day(header.processingDate) else { preconditionFailure("the reader validates dates") }
        let cursor = try recon.lock()
        if let earlier = try recon.importedReport(fileId: report.fileId) {
            report.alreadyImported = true
            report.earlierReport = earlier
            return report
        }
        if let other = try recon.fileClaiming(bin: header.processingBIN, processingDate: processingDate, sequence: header.fileId) {
            report.refusal = "BIN \(header.processingBIN), processing date \(processingDate.text), file id \(header.fileId) was already imported from another file (\(other.prefix(16))…)"
            return report
        }
        // The head is read under the lock: every event up to it is committed.
        let index = try recon.catchUpAndLoadIndex(after: cursor, through: try recon.headSeq(), extractingOn: reader?.connection,
                                                  referencedARNs: survey.referencedARNs)
        clock.lap("index", into: &report)

        // Closed periods: a file for a closed day is booked at the first open instant (known
        // before the pass: the spooled events carry it); the append expects the period stream's
        // version, so a close made meanwhile makes it refuse.
        var state = LedgerState()
        try StateLoader(store: store).load([.stream(StreamID.periods)], into: &state)
        let closedThrough = state.closedThrough
        // The matched items and fees go to disk as event bodies as the file streams by (a dry
        // run drops them): memory holds the index, not the file.
        let spool = options.dryRun ? nil : try ImportSpool(
            fileId: report.fileId, effectiveAt: ImportPlan.effectiveAt(processingDate: processingDate, closedThrough: closedThrough))
        let sink: any BookingSink = spool ?? DiscardingSink()

        let key = tokenKey
        let engine = ReconEngine(index: index, fileId: report.fileId, sink: sink) { token in
            MatchKeys.tokenRef(TokenRef.make(token: String(decoding: token.digits, as: UTF8.self), key: key))
        }
        let second = try ReconcileFile.read(path, visitor: engine) { self.progress("match", size > 0 ? Double($0) / Double(size) : 1) }
        guard second.sha256 == report.fileId, case .success = second.result else {
            throw AppError.rejected("the file changed while it was being reconciled; nothing imported")
        }
        var plan = ImportPlan(fileId: report.fileId, processingDate: processingDate, index: second.visitor.index,
                              bookings: second.visitor.bookings, state: state, closedThrough: closedThrough, sink: sink)
        try classifyLeftovers(&plan)
        try decideChargebacksAndFundings(&plan)
        sweepMissingInFile(&plan, graceDays: options.graceDays)
        bookNets(&plan, report.netChecks)
        clock.lap("match", into: &report)

        plan.fill(&report)
        if options.dryRun {
            clock.lap("append", into: &report)
            throw DryRunFinished(report: report)
        }
        guard let spool else { preconditionFailure("an import that appends has a spool") }
        try spool.finish()
        report.eventsAppended = try write(plan, spool: spool, header: header, report: report)
        clock.lap("append", into: &report)
        Self.pauseBeforeCommitIfAsked()
        return report
    }

    /// Crash tests: with `TRADELEDGER_RECONCILE_PAUSE_BEFORE_COMMIT=PATH`, the import creates PATH
    /// once everything is written but not committed, and waits (at most
    /// `pauseBeforeCommitSecondsMax`) so the test can SIGKILL it at that point.
    static let pauseBeforeCommitSecondsMax: UInt32 = 60

    static func pauseBeforeCommitIfAsked() {
        guard let path = ProcessInfo.processInfo.environment["TRADELEDGER_RECONCILE_PAUSE_BEFORE_COMMIT"], !path.isEmpty else { return }
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        sleep(pauseBeforeCommitSecondsMax)
    }
}
