import Money

extension Decider {
    /// Resolves an open reconciliation exception, clearing what it parked in recon/suspense (see
    /// `ReconciliationExceptionResolved` for the counter accounts).
    ///
    /// A `currency_mismatch` on a capture's presentment left the capture in scheme/visa/clearing
    /// (RECONCILIATION.md "Outcomes") while the file's amount went to settlement against suspense.
    /// Accepting or writing it off settles the capture as a match in that settlement currency would
    /// have (DOMAIN.md "Reconciliation postings"): suspense and clearing are both cleared, across
    /// currencies through fx/position; only a remainder in one currency (Visa settled the capture's
    /// currency short or over) goes to the counter account. The payment's stream is read for the
    /// captured amount. A refund's currency_mismatch (suspense debited) names no refund in its
    /// event, so it is resolved as before: suspense against the counter account. An `adjust` of a
    /// currency_mismatch is refused (its correction would land in clearing in the wrong currency).
    mutating func resolveException(_ command: ResolveException) -> Decision {
        read(StreamID.reconException(command.exceptionId))
        if let needs { return needs }
        guard let exception = state.exceptions[command.exceptionId] else {
            return reject(CommandRejection.notFound, "exceptionId", value: command.exceptionId, "no such exception")
        }
        guard !exception.isResolved else {
            return reject(CommandRejection.alreadyResolved, "exceptionId", value: command.exceptionId, "the exception is already resolved")
        }
        let suspense = exception.suspense.sorted { $0.key < $1.key }
        var list = PostingList()
        var adjusted: Amount? = nil
        switch command.resolution {
        case .accept, .writeOff:
            let counter = command.resolution == .accept ? Account.reconDifferences : Account.writeOffs
            if exception.raised.outcome == ReconciliationExceptionRaised.currencyMismatch,
               let paymentId = exception.raised.paymentId, suspense.count == 1, let (currency, minor) = suspense.first, minor < 0 {
                read(StreamID.payment(paymentId))
                if let needs { return needs }
                if let payment = state.payments[paymentId] {
                    Self.releaseCapture(payment.amount, parked: Amount(minorUnits: minor, currency: currency), counter: counter, into: &list)
                    break
                }
            }
            for (currency, minor) in suspense {
                let parked = Amount(minorUnits: minor, currency: currency)
                list.credit(Account.reconSuspense, parked)
                list.debit(counter, parked)
            }
        case .adjust:
            // An adjust books its correction to clearing in the suspense currency. For a
            // currency_mismatch that is the file's settlement currency, not the one the ledger
            // item sits in clearing in: it would leave e.g. USD in a clearing account that only
            // ever held HKD. accept and write-off settle it across currencies instead.
            guard exception.raised.outcome != ReconciliationExceptionRaised.currencyMismatch else {
                let settled = suspense.count == 1 ? " in \(suspense[0].key)" : ""
                return reject(CommandRejection.invalidState, "resolution", value: command.resolution.rawValue,
                              "exception \(FieldProblem.echo(command.exceptionId)) is a currency_mismatch: an adjust would book its correction "
                              + "to scheme/visa/clearing\(settled), which is not the ledger item's currency; resolve it with accept "
                              + "or write-off, which release the capture from clearing through fx/position")
            }
            guard suspense.count == 1, let (currency, minor) = suspense.first else {
                return reject(CommandRejection.invalidState, "amount",
                              "an adjust needs an exception with money parked in exactly one currency")
            }
            guard let text = command.amount else { return reject(CommandRejection.missingField, "amount", "is missing") }
            let amount: Amount
            switch resolve(text, given: command.currency, in: currency, field: "amount", owner: "the exception") {
            case .success(let value): amount = value
            case .failure(let rejected): return rejected.decision
            }
            guard amount.minorUnits <= minor.magnitude else {
                return reject(CommandRejection.invalidField, "amount", value: text.text,
                              "exceeds the \(Amount(minorUnits: Int64(minor.magnitude), currency: currency).decimalString) \(currency) parked in suspense")
            }
            let parked = Amount(minorUnits: minor, currency: currency)
            let correction = minor < 0 ? -amount : amount
            list.credit(Account.reconSuspense, parked)
            list.debit(Account.visaClearing, correction)
            list.debit(Account.reconDifferences, parked - correction)
            adjusted = amount
        case .manualMatch, .latePresentment:
            return reject(CommandRejection.invalidField, "resolution", "is set by reconciliation, not by ResolveException")
        }
        return accept([.reconciliationExceptionResolved(ReconciliationExceptionResolved(
            exceptionId: command.exceptionId, resolution: command.resolution, note: command.note, amount: adjusted,
            postings: list.postings, effectiveAt: at))])
    }

    /// The postings that settle a capture held in clearing against what a currency_mismatch parked
    /// (`parked`: the negative suspense of a presentment, in the settlement currency).
    static func releaseCapture(_ captured: Amount, parked: Amount, counter: String, into list: inout PostingList) {
        list.credit(Account.reconSuspense, parked)
        list.credit(Account.visaClearing, captured)
        if parked.currency != captured.currency {
            list.debit(Account.fxPosition, parked)
            list.debit(Account.fxPosition, captured)
        } else {
            list.debit(counter, parked + captured)
        }
    }
}
