import Money

extension LedgerState {
    /// Folds one stored event into the state, re-checking the invariants on the way (pair
    /// assertions with `decide`): the version follows the stream's last one, the event belongs
    /// to the stream, its postings balance per currency, and the aggregate allows it (no
    /// duplicate ids, no overpaid invoice, no refund beyond the refundable, no overspent budget,
    /// legal invoice transitions). On error nothing is changed. `seq` is the event's position in
    /// the log when it was read from the store (a launch keeps it for launch order).
    public mutating func apply(streamId: String, streamVersion: Int64, event: DomainEvent, seq: Int64? = nil) throws(ReplayError) {
        func failure(_ message: String) -> ReplayError {
            ReplayError(streamId: streamId, streamVersion: streamVersion, eventType: event.eventType, message: message)
        }
        let current = version(of: streamId)
        guard streamVersion == current + 1 else {
            throw failure("version \(streamVersion) does not follow the stream's version \(current)")
        }
        guard event.streamId == streamId else { throw failure("event belongs to stream \(event.streamId)") }
        do { try Postings.checkBalanced(event.postings) } catch { throw failure(error.description) }
        if let problem = fold(event, streamVersion: streamVersion, seq: seq) { throw failure(problem) }
        streamVersions[streamId] = streamVersion
    }

    /// Applies the events of an accepted decision, assigning each stream versions
    /// expectedVersion + 1, + 2, … in order, and marks those streams loaded. Throws when an
    /// expected version no longer matches the state (the decision is stale). It checks every
    /// expected version first; a failure while folding (a bug: the decision was made against this
    /// state) may leave the state partly applied, and the caller must then discard it.
    public mutating func applyAccepted(_ events: [PendingEvent]) throws(ReplayError) {
        var next: [String: Int64] = [:]
        for pending in events where next[pending.streamId] == nil {
            guard version(of: pending.streamId) == pending.expectedVersion else {
                throw ReplayError(streamId: pending.streamId, streamVersion: pending.expectedVersion + 1,
                                  eventType: pending.event.eventType,
                                  message: "stale decision: expected version \(pending.expectedVersion), state has \(version(of: pending.streamId))")
            }
            next[pending.streamId] = pending.expectedVersion + 1
        }
        for pending in events {
            let streamVersion = next[pending.streamId]!
            try apply(streamId: pending.streamId, streamVersion: streamVersion, event: pending.event)
            next[pending.streamId] = streamVersion + 1
            loadedStreams.insert(pending.streamId)
        }
    }

    /// Checks, then mutates; returns what is wrong instead of mutating.
    private mutating func fold(_ event: DomainEvent, streamVersion: Int64, seq: Int64?) -> String? {
        switch event {
        case .partyRegistered(let e):
            if parties[e.partyId] != nil { return "party \(e.partyId) is already registered" }
            parties[e.partyId] = e
        case .cardBound(let e):
            if cards[e.bindingId] != nil { return "binding \(e.bindingId) already exists" }
            cards[e.bindingId] = e
        case .subsidyProgramLaunched(let e):
            if programs[e.programId] != nil { return "programme \(e.programId) already launched" }
            programs[e.programId] = ProgramState(terms: e, launchSeq: seq)
        case .periodClosed(let e):
            if let closed = closedThrough, e.through <= closed { return "closes \(e.through), not after the latest closed date \(closed)" }
            closedThrough = e.through
        case .subsidyProgramListed(let e):
            if programListing[e.programId] != nil { return "programme \(e.programId) is already in the programme set" }
            programListing[e.programId] = streamVersion
        case .fxRateRecorded(let e):
            fxRates[e.base.code + e.quote.code, default: []].append(e)
        case .invoiceIssued(let e):
            if invoices[e.invoiceId] != nil { return "invoice \(e.invoiceId) already issued" }
            invoices[e.invoiceId] = InvoiceState(issued: e)
        case .invoicePaymentApplied(let e):
            return foldInvoicePayment(e)
        case .creditNoteIssued(let e):
            return foldCreditNote(e)
        case .paymentCaptured(let e):
            if payments[e.paymentId] != nil { return "payment \(e.paymentId) already exists" }
            payments[e.paymentId] = PaymentState(captured: e)
        case .paymentReceived(let e):
            if payments[e.paymentId] != nil { return "payment \(e.paymentId) already exists" }
            payments[e.paymentId] = PaymentState(received: e)
        case .paymentRefunded(let e):
            return foldRefund(e)
        case .chargebackReceived(let e):
            return foldChargeback(e)
        case .chargebackReversed(let e):
            return foldChargebackReversal(e)
        case .subsidyGranted(let e):
            return foldGrant(e)
        case .subsidyReversed(let e):
            return foldSubsidyReversal(e)
        case .subsidyRestored(let e):
            return foldRestoration(e)
        case .subsidyClaimSubmitted(let e):
            return foldClaim(e)
        case .subsidyFundingReceived(let e):
            return foldFunding(e)
        case .schemeFeesCharged, .settlementFileImported, .settlementItemsMatched:
            break
        case .merchantPaidOut(let e):
            if payouts[e.streamId] != nil { return "payout \(e.streamId) already made" }
            payouts[e.streamId] = PayoutState(paid: e)
        case .payoutReturned(let e):
            return foldPayoutReturn(e)
        case .payoutsHeld(let e):
            if payoutHolds[e.merchantId] != nil { return "payouts of \(e.merchantId) are already on hold" }
            payoutHolds[e.merchantId] = e
        case .payoutsReleased(let e):
            if payoutHolds[e.merchantId] == nil { return "payouts of \(e.merchantId) are not on hold" }
            payoutHolds[e.merchantId] = nil
        case .reconciliationExceptionRaised(let e):
            if exceptions[e.exceptionId] != nil { return "exception \(e.exceptionId) already raised" }
            exceptions[e.exceptionId] = ExceptionState(raised: e, resolution: nil)
        case .reconciliationExceptionResolved(let e):
            return foldResolution(e)
        }
        return nil
    }

    /// Folds an event into the state of programme `id`: `change` returns why the event does not
    /// apply (nothing is changed then) or nil.
    private mutating func foldProgram(_ id: String, _ change: (inout ProgramState) -> String?) -> String? {
        guard var program = programs[id] else { return "programme \(id) does not exist" }
        if let problem = change(&program) { return problem }
        programs[id] = program
        return nil
    }

    private mutating func foldGrant(_ e: SubsidyGranted) -> String? {
        foldProgram(e.programId) { program in
            guard e.amount.currency == program.currency else { return "grant in \(e.amount.currency), programme in \(program.currency)" }
            guard e.amount.minorUnits <= program.budgetLeft.minorUnits else {
                return "grant \(e.amount) overspends the budget left \(program.budgetLeft)"
            }
            program.grantedMinor += e.amount.minorUnits
            program.grants += 1
            return nil
        }
    }

    private mutating func foldSubsidyReversal(_ e: SubsidyReversed) -> String? {
        foldProgram(e.programId) { program in
            guard e.amount.currency == program.currency else { return "reversal in \(e.amount.currency), programme in \(program.currency)" }
            guard program.reversedMinor + e.amount.minorUnits <= program.grantedMinor + program.restoredMinor else {
                return "reversal \(e.amount) exceeds what the programme granted"
            }
            program.reversedMinor += e.amount.minorUnits
            return nil
        }
    }

    private mutating func foldRestoration(_ e: SubsidyRestored) -> String? {
        foldProgram(e.programId) { program in
            guard e.amount.currency == program.currency else { return "restoration in \(e.amount.currency), programme in \(program.currency)" }
            guard e.amount.minorUnits <= program.budgetLeft.minorUnits else {
                return "restoration \(e.amount) overspends the budget left \(program.budgetLeft)"
            }
            guard program.restoredMinor + e.amount.minorUnits <= program.reversedMinor else {
                return "restoration \(e.amount) exceeds what the programme had reversed"
            }
            program.restoredMinor += e.amount.minorUnits
            return nil
        }
    }

    private mutating func foldClaim(_ e: SubsidyClaimSubmitted) -> String? {
        foldProgram(e.programId) { program in
            program.claimedMinor += e.amount.minorUnits
            return nil
        }
    }

    private mutating func foldFunding(_ e: SubsidyFundingReceived) -> String? {
        foldProgram(e.programId) { program in
            guard e.sourceAmount.currency == program.currency else { return "funding source not in the programme currency" }
            program.fundedMinor += e.sourceAmount.minorUnits
            return nil
        }
    }

    private mutating func foldPayoutReturn(_ e: PayoutReturned) -> String? {
        guard var payout = payouts[e.streamId] else { return "payout \(e.streamId) was never made" }
        guard !payout.isReturned else { return "payout \(e.streamId) was already returned" }
        guard e.amount == payout.paid.amount, e.payoutAmount == payout.paid.payoutAmount, e.rate == payout.paid.rate else {
            return "the return differs from payout \(e.streamId)"
        }
        payout.returned = e
        payouts[e.streamId] = payout
        return nil
    }

    private mutating func foldResolution(_ e: ReconciliationExceptionResolved) -> String? {
        guard var exception = exceptions[e.exceptionId] else { return "exception \(e.exceptionId) was never raised" }
        guard !exception.isResolved else { return "exception \(e.exceptionId) is already resolved" }
        exception.resolution = e
        exceptions[e.exceptionId] = exception
        return nil
    }

    private mutating func foldInvoicePayment(_ e: InvoicePaymentApplied) -> String? {
        guard var invoice = invoices[e.invoiceId] else { return "invoice \(e.invoiceId) was never issued" }
        guard e.amount.currency == invoice.currency else { return "payment in \(e.amount.currency), invoice in \(invoice.currency)" }
        if let closed = invoice.closedBy { return "invoice \(e.invoiceId) is \(closed): nothing is open to pay" }
        guard e.amount.minorUnits <= invoice.open.minorUnits else { return "payment \(e.amount) overpays the open \(invoice.open)" }
        guard !invoice.paymentIds.contains(e.paymentId) else { return "payment \(e.paymentId) already applied" }
        invoice.paidMinor += e.amount.minorUnits
        invoice.paymentIds.append(e.paymentId)
        invoices[e.invoiceId] = invoice
        return nil
    }

    private mutating func foldCreditNote(_ e: CreditNoteIssued) -> String? {
        guard var invoice = invoices[e.invoiceId] else { return "invoice \(e.invoiceId) was never issued" }
        guard e.amount.currency == invoice.currency else { return "credit note in \(e.amount.currency), invoice in \(invoice.currency)" }
        guard e.amount.minorUnits <= invoice.open.minorUnits else { return "credit note \(e.amount) exceeds the open \(invoice.open)" }
        guard !invoice.creditNoteIds.contains(e.creditNoteId) else { return "credit note \(e.creditNoteId) already issued" }
        invoice.creditedMinor += e.amount.minorUnits
        invoice.creditNoteIds.insert(e.creditNoteId)
        invoices[e.invoiceId] = invoice
        return nil
    }

    private mutating func foldRefund(_ e: PaymentRefunded) -> String? {
        guard var payment = payments[e.paymentId] else { return "payment \(e.paymentId) does not exist" }
        guard e.amount.currency == payment.currency else { return "refund in \(e.amount.currency), payment in \(payment.currency)" }
        guard e.amount.minorUnits <= payment.refundable.minorUnits else { return "refund \(e.amount) exceeds the refundable \(payment.refundable)" }
        guard !payment.refundIds.contains(e.refundId) else { return "refund \(e.refundId) already recorded" }
        let reversed = e.subsidyReversed?.minorUnits ?? 0
        guard payment.subsidyReversedMinor + reversed <= payment.subsidyNetGrantMinor else { return "subsidy reversal exceeds the grant" }
        payment.refundedMinor += e.amount.minorUnits
        payment.subsidyReversedMinor += reversed
        payment.refundIds.insert(e.refundId)
        payments[e.paymentId] = payment
        if var invoice = invoices[e.invoiceId] {
            invoice.refundedMinor += e.amount.minorUnits
            invoices[e.invoiceId] = invoice
        }
        return nil
    }

    private mutating func foldChargeback(_ e: ChargebackReceived) -> String? {
        guard var payment = payments[e.paymentId] else { return "payment \(e.paymentId) does not exist" }
        guard e.amount.currency == payment.currency else { return "chargeback in \(e.amount.currency), payment in \(payment.currency)" }
        guard e.amount.minorUnits <= payment.refundable.minorUnits else { return "chargeback \(e.amount) exceeds the refundable \(payment.refundable)" }
        guard !payment.chargebackIds.contains(e.chargebackId) else { return "chargeback \(e.chargebackId) already recorded" }
        let reversed = e.subsidyReversed?.minorUnits ?? 0
        guard payment.subsidyReversedMinor + reversed <= payment.subsidyNetGrantMinor else { return "subsidy reversal exceeds the grant" }
        payment.chargedBackMinor += e.amount.minorUnits
        payment.subsidyReversedMinor += reversed
        payment.chargebackIds.insert(e.chargebackId)
        payment.openChargebacks[e.chargebackId] = e.amount.minorUnits
        if reversed > 0 { payment.openChargebackSubsidies[e.chargebackId] = reversed }
        payments[e.paymentId] = payment
        return nil
    }

    private mutating func foldChargebackReversal(_ e: ChargebackReversed) -> String? {
        guard var payment = payments[e.paymentId] else { return "payment \(e.paymentId) does not exist" }
        guard let open = payment.openChargebacks[e.chargebackId] else { return "chargeback \(e.chargebackId) is not open" }
        guard e.amount.currency == payment.currency, e.amount.minorUnits == open else {
            return "reversal \(e.amount) differs from the chargeback's \(Amount(minorUnits: open, currency: payment.currency))"
        }
        let reversed = payment.openChargebackSubsidies[e.chargebackId] ?? 0
        let restored = e.subsidyRestored?.minorUnits ?? 0
        guard e.subsidyRestored == nil || e.subsidyRestored!.currency == payment.currency, restored <= reversed else {
            return "restores \(e.subsidyRestored!) of a subsidy, its chargeback reversed \(Amount(minorUnits: reversed, currency: payment.currency))"
        }
        payment.chargedBackMinor -= open
        payment.subsidyReversedMinor -= reversed
        payment.subsidyForfeitedMinor += reversed - restored
        payment.openChargebacks[e.chargebackId] = nil
        payment.openChargebackSubsidies[e.chargebackId] = nil
        payments[e.paymentId] = payment
        return nil
    }
}
