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
    ///
    /// Memory does not grow with the file: the `SettlementItemsMatched` and `SchemeFeesCharged`
    /// bodies come back from the spool one at a time into the bulk append's COPY
    /// (`appendStreamedInOpenTransaction`), and the `recon.matches` rows are produced from the
    /// index-sized `MatchChanges` into the COPY's buffer. What is held is bounded by streams and
    /// exceptions: the bulk append must name every stream with its event count before the first
    /// row (schema/014's `bulk_prepare` locks and checks them), so the exception, payment and
    /// programme events (one or two per stream) are built in memory, as before. Order and bytes
    /// of the events are those of the array form: imported, items parts, fees, decided, tail.
    func write(_ plan: ImportPlan, spool: ImportSpool, header: VisaHeader, report: ReconReport) throws -> Int {
        let at = plan.effectiveAt
        let fileStream = StreamID.settlementFile(plan.fileId)
        precondition(spool.parts == (plan.bookings.matchedItemCount + SettlementItemsMatched.itemsMax - 1) / SettlementItemsMatched.itemsMax
                     && spool.fees.count == plan.bookings.feeCount, "the spool holds every matched item and fee")
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
        report.eventsAppended = 1 + spool.parts + spool.fees.count + plan.decided.count + tail.count
        let imported = SettlementFileImported(
            fileId: plan.fileId, processingBIN: header.processingBIN, processingDate: plan.processingDate, fileSequence: header.fileId,
            records: Int64(report.records), report: report.json(includePhases: false), effectiveAt: at)

        var expectations: [String: ExpectedVersion] = [fileStream: .noStream]
        let periods = plan.state.version(of: StreamID.periods)  // a check only: no event goes there
        expectations[StreamID.periods] = periods == 0 ? .noStream : .exact(periods)
        for p in plan.decided where expectations[p.streamId] == nil {
            expectations[p.streamId] = p.expectedVersion == 0 ? .noStream : .exact(p.expectedVersion)
        }
        for event in tail {
            if case .reconciliationExceptionResolved = event { expectations[event.streamId] = .exact(1) } else { expectations[event.streamId] = .noStream }
        }
        var counts: [String: Int64] = [fileStream: Int64(1 + spool.parts + spool.fees.count)]
        for e in plan.decided.map(\.event) + tail { counts[e.streamId, default: 0] += 1 }
        let commandId = "reconcile-\(plan.fileId)"
        let requestHash = Array(SHA256.hash(data: Array("reconcile\u{0}\(store.ledgerId)\u{0}\(plan.fileId)".utf8)))

        var removed: [LedgerItem.Key] = []
        plan.bookings.matchChanges.forEachChanged { p, _, _ in
            if plan.index.wasMatched(p) { removed.append(plan.index[p].key) }
        }
        try recon.writeMatches(removed: removed, fileId: plan.fileId) { emit in
            try plan.bookings.matchChanges.forEachChanged { p, record, exceptionId in
                if let record { try emit(plan.index[p].key, record, exceptionId) }
            }
        }
        try recon.insertExceptions(plan.bookings.exceptions, fileId: plan.fileId, openedOn: plan.processingDate)
        try recon.insertFile(fileId: plan.fileId, bin: header.processingBIN, processingDate: plan.processingDate, sequence: header.fileId,
                             report: imported.report)

        let atPG = PGTimestamp(microsecondsSinceUnixEpoch: at.microsecondsSinceEpoch)
        func new(_ e: DomainEvent) -> NewEvent {
            NewEvent(streamId: e.streamId, eventType: e.eventType, schemaVersion: Int32(e.schemaVersion), body: e.canonicalJSON(),
                     effectiveAt: PGTimestamp(microsecondsSinceUnixEpoch: e.effectiveAt.microsecondsSinceEpoch))
        }
        try store.appendStreamedInOpenTransaction(StreamedAppend(commandId: commandId, requestHash: requestHash,
                                                                 expectations: expectations, eventCounts: counts)) { emit in
            try emit(new(.settlementFileImported(imported)))
            try spool.items.forEach { body in
                try emit(NewEvent(streamId: fileStream, eventType: SettlementItemsMatched.eventType,
                                  schemaVersion: Int32(SettlementItemsMatched.schemaVersion), body: body, effectiveAt: atPG))
            }
            try spool.fees.forEach { body in
                try emit(NewEvent(streamId: fileStream, eventType: SchemeFeesCharged.eventType,
                                  schemaVersion: Int32(SchemeFeesCharged.schemaVersion), body: body, effectiveAt: atPG))
            }
            for p in plan.decided { try emit(new(p.event)) }
            for e in tail { try emit(new(e)) }
        }
        return report.eventsAppended
    }
}
