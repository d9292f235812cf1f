import Money

extension Decider {
    /// Resolves an open reconciliation exception, clearing what it parked in recon/suspense (see
    /// `ReconciliationExceptionResolved` for the counter accounts).
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
            for (currency, minor) in suspense {
                let parked = Amount(minorUnits: minor, currency: currency)
                list.credit(Account.reconSuspense, parked)
                list.debit(counter, parked)
            }
        case .adjust:
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
}
