import Money

extension Decider {
    /// Refund: `PaymentRefunded` on the payment stream (the refundable check is local to it) and,
    /// for a subsidised payment, `SubsidyReversed` on the programme's stream returning the
    /// proportional subsidy to the budget.
    mutating func refundCardPayment(_ command: RefundCardPayment) -> Decision {
        read(StreamID.payment(command.paymentId))
        if let needs { return needs }
        guard let payment = state.payments[command.paymentId] else {
            return reject(CommandRejection.notFound, "paymentId", value: command.paymentId, "no such payment")
        }
        guard payment.method == .card else {
            return reject(CommandRejection.invalidState, "paymentId", value: command.paymentId, "only card payments are refunded this way")
        }
        if payment.refundIds.contains(command.refundId) {
            return reject(CommandRejection.alreadyExists, "refundId", value: command.refundId, "this refund was already recorded")
        }
        let amount: Amount
        switch resolve(command.amount, given: command.currency, in: payment.currency, field: "amount", owner: "the payment") {
        case .success(let value): amount = value
        case .failure(let rejected): return rejected.decision
        }
        guard amount <= payment.refundable else {
            return reject(CommandRejection.exceedsRefundable, "amount", value: command.amount.text,
                          "exceeds what can still be refunded, \(payment.refundable.decimalString) \(payment.currency) (captured − refunded − charged back)")
        }
        let reversal = subsidyReversal(payment, returning: amount)
        if reversal != nil, let programId = payment.subsidyProgramId {
            read(StreamID.subsidy(programId))
            if let needs { return needs }
        }
        var events: [DomainEvent] = [.paymentRefunded(PaymentRefunded(
            refundId: command.refundId, paymentId: payment.paymentId, invoiceId: payment.invoiceId, sellerId: payment.sellerId,
            amount: amount, arn: command.arn, subsidyReversed: reversal, effectiveAt: at))]
        if let reversal, let programId = payment.subsidyProgramId {
            events.append(.subsidyReversed(SubsidyReversed(
                programId: programId, paymentId: payment.paymentId, sellerId: payment.sellerId, amount: reversal, cause: .refund,
                causeId: command.refundId, effectiveAt: at)))
        }
        return accept(events)
    }

    /// The subsidy to reverse when `amount` more of the payment is returned; nil when none.
    /// Proportional to the payment's net grant (granted − forfeited, see `PaymentState`).
    func subsidyReversal(_ payment: PaymentState, returning amount: Amount) -> Amount? {
        guard payment.subsidyProgramId != nil, payment.subsidyNetGrantMinor > 0 else { return nil }
        let returnedAfter = payment.refundedMinor + payment.chargedBackMinor + amount.minorUnits
        let minor = SubsidyRules.reversal(grantedMinor: payment.subsidyNetGrantMinor, reversedSoFarMinor: payment.subsidyReversedMinor,
                                          capturedMinor: payment.amount.minorUnits, returnedAfterMinor: returnedAfter)
        return minor > 0 ? Amount(minorUnits: minor, currency: payment.currency) : nil
    }
}
