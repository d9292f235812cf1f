import EventStore
import LedgerDomain
import Money
import Reconciliation
import VisaSettlement

extension ReconcileService {
    /// Lines that found no unmatched item: one lookup of the already matched items by their ARNs
    /// and transaction ids tells a duplicate presentment (with the earlier match as evidence) from
    /// a line missing in the ledger.
    func classifyLeftovers(_ plan: inout ImportPlan) throws {
        let leftovers = plan.bookings.leftovers
        guard !leftovers.isEmpty else { return }
        let earlier = try recon.earlierMatches(arns: leftovers.map(\.arn), transactionIds: leftovers.compactMap(\.visaTransactionId))
        var byARN: [String: ReconStore.EarlierMatch] = [:]
        var byTransactionId: [String: ReconStore.EarlierMatch] = [:]
        for m in earlier {
            if byARN[m.kind.rawValue + m.arn] == nil { byARN[m.kind.rawValue + m.arn] = m }
            if m.kind == .capture, let t = m.visaTransactionId, byTransactionId[t] == nil { byTransactionId[t] = m }
        }
        for line in leftovers {
            let id = ExceptionSpec.Id.line(fileId: plan.fileId, record: line.record)
            let postings = ReconPostings.parked(sign: line.sign, settled: line.settled)
            let found = byARN[line.kind.rawValue + line.arn].map { ($0, "ARN \(line.arn)") }
                ?? line.visaTransactionId.flatMap { t in byTransactionId[t].map { ($0, "transaction id \(t)") } }
            if let (match, key) = found {
                plan.bookings.exceptions.append(ExceptionSpec(
                    exceptionId: id, outcome: .duplicatePresentment, postings: postings, amount: line.source, itemKind: match.kind,
                    itemId: match.itemId, paymentId: match.paymentId, record: line.record,
                    evidence: "TC \(line.tc) record \(line.record): \(key) names \(LedgerItem.Key(kind: match.kind, paymentId: match.paymentId, itemId: match.itemId).text), already matched by record \(match.record) of file \(match.fileId.prefix(16))…"))
            } else {
                plan.bookings.exceptions.append(ExceptionSpec(
                    exceptionId: id, outcome: .missingInLedger, postings: postings, amount: line.source, record: line.record,
                    evidence: "TC \(line.tc) record \(line.record): no \(line.kind.rawValue) matches ARN \(line.arn)"
                        + (line.kind == .capture ? ", its transaction id or the fallback keys" : "")
                        + " (\(line.source.decimalString) \(line.source.currency))"))
            }
        }
    }

    /// TC 15 / 35 for known captures and TC 20 / 5300 fundings, decided in file order against the
    /// payments' and programmes' state (loaded once for all of them).
    func decideChargebacksAndFundings(_ plan: inout ImportPlan) throws {
        let chargebacks = plan.bookings.chargebacks
        let fundings = plan.bookings.fundings
        guard !chargebacks.isEmpty || !fundings.isEmpty else { return }
        let loader = StateLoader(store: store)
        var needs = Set(chargebacks.map { StreamNeed.stream(StreamID.payment($0.paymentId)) })
        needs.formUnion(fundings.map { StreamNeed.stream(StreamID.subsidy($0.programId)) })
        try loader.load(needs, into: &plan.state)
        let programs = Set(chargebacks.compactMap { plan.state.payments[$0.paymentId]?.subsidyProgramId })
        try loader.load(Set(programs.map { StreamNeed.stream(StreamID.subsidy($0)) }), into: &plan.state)
        // The programme set a chargeback decision guards (the closed periods are in plan.state
        // already: the import loads them before any line is decided).
        try loader.load([.stream(StreamID.programs)], into: &plan.state)

        var lines: [(record: Int64, chargeback: ReconBookings.ChargebackLine?, funding: ReconBookings.FundingLine?)] =
            chargebacks.map { ($0.record, $0, nil) } + fundings.map { ($0.record, nil, $0) }
        lines.sort { $0.record < $1.record }
        for line in lines {
            if let c = line.chargeback { try decide(c, &plan) }
            if let f = line.funding { try decide(f, &plan) }
        }
    }

    private func decide(_ line: ReconBookings.ChargebackLine, _ plan: inout ImportPlan) throws {
        let id = ExceptionSpec.Id.line(fileId: plan.fileId, record: line.record)
        let sign: Int64 = line.isReversal ? 1 : -1
        let decision: Decision
        if line.isReversal {
            let open = plan.state.payments[line.paymentId]?.openChargebacks ?? [:]
            let chosen = open.filter { $0.value == line.source.minorUnits }.keys.sorted().first ?? open.keys.sorted().first
            guard let chargebackId = chosen else {
                return unknown(line, id, sign, &plan, "TC 35 record \(line.record): ARN \(line.arn) names payment \(line.paymentId), which has no open chargeback")
            }
            decision = ChargebackDecisions.chargebackReversal(chargebackId: chargebackId, paymentId: line.paymentId, at: plan.effectiveAt,
                                                              state: plan.state)
        } else {
            decision = ChargebackDecisions.chargeback(chargebackId: "CB-\(id)", paymentId: line.paymentId, amount: line.source, arn: line.arn,
                                                      reasonCode: line.reasonCode.isEmpty ? nil : line.reasonCode, at: plan.effectiveAt,
                                                      state: plan.state)
        }
        let sameCurrencyDiffers = line.settled.currency == line.source.currency && line.settled != line.source
        switch decision {
        case .accepted(let pending, _) where !sameCurrencyDiffers:
            if line.isReversal, case .chargebackReversed(let r)? = pending.first?.event, r.amount != line.source {
                return unknown(line, id, sign, &plan, "TC 35 record \(line.record): reverses \(line.source.decimalString) \(line.source.currency), the open chargeback of \(line.paymentId) is \(r.amount.decimalString)")
            }
            try plan.state.applyAccepted(pending)
            plan.decided += pending
            plan.bookings.matchedLines += 1
            if line.settled.currency != line.source.currency {
                plan.bookings.book(SettlementItem(
                    record: line.record, action: line.isReversal ? .convertChargebackReversal : .convertChargeback, itemId: line.paymentId,
                    paymentId: line.paymentId, stage: MatchStage.arn.rawValue, keys: MatchStage.arn.keys, amount: line.source,
                    settled: line.settled), to: plan.sink)
            }
        case .accepted:
            unknown(line, id, sign, &plan, "TC \(line.isReversal ? "35" : "15") record \(line.record): settles \(line.settled.decimalString) for \(line.source.decimalString) in one currency")
        case .rejected(let r):
            unknown(line, id, sign, &plan, "TC \(line.isReversal ? "35" : "15") record \(line.record): ARN \(line.arn) names payment \(line.paymentId): \(r.message)")
        case .needs(let n):
            throw AppError.rejected("TC \(line.isReversal ? "35" : "15") record \(line.record): deciding the chargeback of \(line.paymentId) needs \(n.count) stream(s) the import did not load")
        }
    }

    /// A chargeback line the ledger cannot book: parked as chargeback_unknown_payment.
    private func unknown(_ line: ReconBookings.ChargebackLine, _ id: String, _ sign: Int64, _ plan: inout ImportPlan, _ evidence: String) {
        plan.bookings.exceptions.append(ExceptionSpec(
            exceptionId: id, outcome: .chargebackUnknownPayment, postings: ReconPostings.parked(sign: sign, settled: line.settled),
            amount: line.source, paymentId: line.paymentId, record: line.record, evidence: evidence))
    }

    /// TC 20 / 5300: `SubsidyFundingReceived` for the programme in the message text; funding for a
    /// programme the ledger does not know (or in another currency) is parked as missing_in_ledger.
    private func decide(_ line: ReconBookings.FundingLine, _ plan: inout ImportPlan) throws {
        guard let program = plan.state.programs[line.programId], program.currency == line.source.currency else {
            plan.bookings.exceptions.append(ExceptionSpec(
                exceptionId: ExceptionSpec.Id.line(fileId: plan.fileId, record: line.record), outcome: .missingInLedger,
                postings: ReconPostings.parked(sign: 1, settled: line.settled), amount: line.source, record: line.record,
                evidence: "TC 20 record \(line.record): subsidy funding for programme \(line.programId), which the ledger does not run in \(line.source.currency)"))
            return
        }
        let event = SubsidyFundingReceived(programId: line.programId, fileId: plan.fileId, sourceAmount: line.source,
                                           destinationAmount: line.settled, effectiveAt: plan.effectiveAt)
        let pending = [PendingEvent(streamId: event.streamId, expectedVersion: plan.state.version(of: event.streamId),
                                    event: .subsidyFundingReceived(event))]
        try plan.state.applyAccepted(pending)
        plan.decided += pending
    }

    /// missing_in_file: every capture and refund still unmatched whose business date is at least
    /// `graceDays` before the processing date and that has no such exception yet (raised once).
    func sweepMissingInFile(_ plan: inout ImportPlan, graceDays: Int) {
        let cutoff = plan.processingDate.adding(days: -Int64(graceDays))
        for p in plan.index.unmatchedPositionsForSweep {
            let item = plan.index[p]
            guard item.missingException == nil, item.businessDate <= cutoff else { continue }
            plan.bookings.exceptions.append(ExceptionSpec(
                exceptionId: ExceptionSpec.Id.missingInFile(item.key), outcome: .missingInFile, postings: [],
                amount: item.amount, itemKind: item.kind, itemId: item.itemId, paymentId: item.paymentId, record: nil,
                evidence: "\(item.key.text) of \(item.amount.decimalString) \(item.amount.currency), business date \(item.businessDate.text), not presented by \(plan.processingDate.text) (grace \(graceDays) days)"))
        }
    }

    /// reported − computed, or nil when that leaves the 64-bit range.
    static func difference(_ pair: VisaNetCheck.Pair, _ currency: Currency) -> Amount? {
        let (value, overflow) = pair.reported.subtractingReportingOverflow(pair.computed)
        return overflow ? nil : Amount(minorUnits: value, currency: currency)
    }

    /// The VSS-110 F and C nets as `SchemeFeesCharged` (as reported: what Visa settles), and a
    /// net_mismatch exception (no money) per currency whose I, F or T disagrees with the arithmetic.
    func bookNets(_ plan: inout ImportPlan, _ checks: [VisaNetCheck]) {
        for check in checks {
            let currency = check.currency.currency
            let prefix = ExceptionSpec.Id.fileTag(plan.fileId)
            if check.fees.reported != 0 {
                plan.bookings.book(ReconBookings.Fee(feeId: "\(prefix)-VSS-F-\(currency.code)",
                                                     amount: Amount(minorUnits: -check.fees.reported, currency: currency),
                                                     description: "VSS-110 reimbursement fees (F net)"), to: plan.sink)
            }
            if check.charges != 0 {
                plan.bookings.book(ReconBookings.Fee(feeId: "\(prefix)-VSS-C-\(currency.code)",
                                                     amount: Amount(minorUnits: -check.charges, currency: currency),
                                                     description: "VSS-110 Visa charges (C net)"), to: plan.sink)
            }
            guard !check.ok else { continue }
            func show(_ name: String, _ p: VisaNetCheck.Pair) -> String? {
                p.ok ? nil : "\(name) reported \(VisaAmount.decimal(p.reported, check.currency)), computed \(VisaAmount.decimal(p.computed, check.currency))"
            }
            let parts = [show("I", check.interchange), show("F", check.fees), show("T", check.total)].compactMap { $0 }
            plan.bookings.exceptions.append(ExceptionSpec(
                exceptionId: ExceptionSpec.Id.net(fileId: plan.fileId, currency: currency), outcome: .netMismatch, postings: [],
                amount: Self.difference(check.total, currency), record: nil,
                evidence: "VSS-110 \(currency.code): " + parts.joined(separator: "; ")))
        }
    }
}
