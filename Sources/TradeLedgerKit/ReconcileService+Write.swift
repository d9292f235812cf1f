import Crypto
import EventStore
import LedgerDomain
import LibPQ
import Money
import Reconciliation
import VisaSettlement

extension ReconcileService {
    /// Writes the read models, then appends every event of the file as one command
    /// (`reconcile-{fileId}`) with one bulk append, in the import's transaction; the caller
    /// commits. The read models go first so the ledger head (locked by the append) is held only
    /// for the append itself. Returns the number of events.
    func write(_ plan: ImportPlan, header: VisaHeader, report: ReconReport) throws -> Int {
        let at = plan.effectiveAt
        var body: [DomainEvent] = []
        let items = plan.bookings.matchedItems
        var part: Int64 = 0
        var start = 0
        while start < items.count {
            let end = min(start + SettlementItemsMatched.itemsMax, items.count)
            part += 1
            body.append(.settlementItemsMatched(SettlementItemsMatched(fileId: plan.fileId, part: part, items: Array(items[start..<end]),
                                                                       effectiveAt: at)))
            start = end
        }
        for fee in plan.bookings.fees {
            body.append(.schemeFeesCharged(SchemeFeesCharged(feeId: fee.feeId, fileId: plan.fileId, amount: fee.amount,
                                                             description: fee.description, effectiveAt: at)))
        }
        var tail: [DomainEvent] = []
        for e in plan.bookings.exceptions {
            tail.append(.reconciliationExceptionRaised(ReconciliationExceptionRaised(
                exceptionId: e.exceptionId, outcome: e.outcome.rawValue, description: e.evidence,
                fileId: e.outcome == .missingInFile ? nil : plan.fileId, recordNumber: e.record, paymentId: e.paymentId,
                postings: e.postings, effectiveAt: at)))
        }
        for late in plan.bookings.latePresentments {
            tail.append(.reconciliationExceptionResolved(ReconciliationExceptionResolved(
                exceptionId: late.exceptionId, resolution: .latePresentment, note: "presented by file \(plan.fileId.prefix(16))…",
                amount: nil, paymentId: late.paymentId, postings: [], effectiveAt: at)))
        }
        var report = report
        report.eventsAppended = 1 + body.count + plan.decided.count + tail.count
        let imported = SettlementFileImported(
            fileId: plan.fileId, processingBIN: header.processingBIN, processingDate: plan.processingDate, fileSequence: header.fileId,
            records: Int64(report.records), report: report.json(includePhases: false), effectiveAt: at)

        var expectations: [String: ExpectedVersion] = [StreamID.settlementFile(plan.fileId): .noStream]
        let periods = plan.state.version(of: StreamID.periods)  // a check only: no event goes there
        expectations[StreamID.periods] = periods == 0 ? .noStream : .exact(periods)
        for p in plan.decided where expectations[p.streamId] == nil {
            expectations[p.streamId] = p.expectedVersion == 0 ? .noStream : .exact(p.expectedVersion)
        }
        for event in tail {
            if case .reconciliationExceptionResolved = event { expectations[event.streamId] = .exact(1) } else { expectations[event.streamId] = .noStream }
        }
        let all: [DomainEvent] = [.settlementFileImported(imported)] + body + plan.decided.map(\.event) + tail
        let events = all.map { e in
            NewEvent(streamId: e.streamId, eventType: e.eventType, schemaVersion: Int32(e.schemaVersion), body: e.canonicalJSON(),
                     effectiveAt: PGTimestamp(microsecondsSinceUnixEpoch: e.effectiveAt.microsecondsSinceEpoch))
        }
        let commandId = "reconcile-\(plan.fileId)"
        let requestHash = Array(SHA256.hash(data: Array("reconcile\u{0}\(store.ledgerId)\u{0}\(plan.fileId)".utf8)))

        var changes: [(kind: LedgerItem.Kind, itemId: String, record: Int64?, exceptionId: String?, wasMatched: Bool)] = []
        for (p, change) in plan.bookings.matchChanges.sorted(by: { $0.key < $1.key }) {
            let item = plan.index[p]
            changes.append((item.kind, item.itemId, change.record, change.exceptionId, plan.index.wasMatched(p)))
        }
        try recon.writeMatches(changes, fileId: plan.fileId)
        try recon.insertExceptions(plan.bookings.exceptions, fileId: plan.fileId, openedOn: plan.processingDate)
        try recon.insertFile(fileId: plan.fileId, bin: header.processingBIN, processingDate: plan.processingDate, sequence: header.fileId,
                             report: imported.report)
        try store.appendBulkInOpenTransaction([AppendRequest(commandId: commandId, requestHash: requestHash, expectations: expectations,
                                                             events: events)])
        return events.count
    }
}
