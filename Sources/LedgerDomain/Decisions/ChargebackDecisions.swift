import Money

/// Decisions for chargebacks reported in a Visa file (no command: reconciliation calls these).
public enum ChargebackDecisions {
    /// A chargeback (TC 15) for a known payment: `ChargebackReceived` on the payment stream and,
    /// for a subsidised payment, the proportional `SubsidyReversed` on the programme's stream.
    public static func chargeback(chargebackId: String, paymentId: String, amount: Amount, arn: String?, reasonCode: String?,
                                  at: Timestamp, state: LedgerState) -> Decision {
        var decider = Decider(state: state, context: DecisionContext(now: at, tokenKey: []), commandType: "Chargeback", at: at)
        decider.read(StreamID.payment(paymentId))
        if let needs = decider.needs { return needs }
        guard let payment = state.payments[paymentId] else {
            return decider.reject(CommandRejection.notFound, "paymentId", value: paymentId, "no such payment")
        }
        if payment.chargebackIds.contains(chargebackId) {
            return decider.reject(CommandRejection.alreadyExists, "chargebackId", value: chargebackId, "already recorded")
        }
        guard amount.currency == payment.currency else {
            return decider.reject(CommandRejection.currencyMismatch, "currency", value: amount.currency.code, "the payment is in \(payment.currency)")
        }
        guard amount.isPositive, amount <= payment.refundable else {
            return decider.reject(CommandRejection.exceedsRefundable, "amount", value: amount.decimalString,
                                  "exceeds what can still be charged back, \(payment.refundable.decimalString) \(payment.currency)")
        }
        let reversal = decider.subsidyReversal(payment, returning: amount)
        if reversal != nil, let programId = payment.subsidyProgramId {
            decider.read(StreamID.subsidy(programId))
            if let needs = decider.needs { return needs }
        }
        var events: [DomainEvent] = [.chargebackReceived(ChargebackReceived(
            chargebackId: chargebackId, paymentId: paymentId, invoiceId: payment.invoiceId, sellerId: payment.sellerId,
            amount: amount, arn: arn, reasonCode: reasonCode, subsidyReversed: reversal, effectiveAt: at))]
        if let reversal, let programId = payment.subsidyProgramId {
            events.append(.subsidyReversed(SubsidyReversed(
                programId: programId, paymentId: paymentId, sellerId: payment.sellerId, amount: reversal, cause: .chargeback,
                causeId: chargebackId, effectiveAt: at)))
        }
        return decider.accept(events)
    }

    /// A chargeback reversal (TC 35) of an open chargeback: `ChargebackReversed` for its amount,
    /// undoing the chargeback (DOMAIN.md). When the chargeback reversed a subsidy, the same
    /// programme gives it back (`SubsidyRestored` on its stream, with its expected version), as far
    /// as its budget left allows: the budget is never overspent, so when it was used up meanwhile
    /// only what is left is restored (possibly nothing) and the rest is forfeited, recorded on the
    /// payment (`ChargebackReversed.subsidyRestored` says how much came back). The programme's
    /// validity window does not matter here: the grant being restored was made inside it. When
    /// nothing can be restored, the decision still expects the programme's stream unchanged (a
    /// guard), so budget returned meanwhile by another writer is not missed.
    public static func chargebackReversal(chargebackId: String, paymentId: String, at: Timestamp, state: LedgerState) -> Decision {
        var decider = Decider(state: state, context: DecisionContext(now: at, tokenKey: []), commandType: "ChargebackReversal", at: at)
        decider.read(StreamID.payment(paymentId))
        if let needs = decider.needs { return needs }
        guard let payment = state.payments[paymentId] else {
            return decider.reject(CommandRejection.notFound, "paymentId", value: paymentId, "no such payment")
        }
        guard let open = payment.openChargebacks[chargebackId] else {
            return decider.reject(CommandRejection.notFound, "chargebackId", value: chargebackId, "no open chargeback with this id")
        }
        var restored: Amount? = nil
        let reversedMinor = payment.openChargebackSubsidies[chargebackId] ?? 0
        if reversedMinor > 0, let programId = payment.subsidyProgramId {
            decider.guardRead(StreamID.subsidy(programId))
            if let needs = decider.needs { return needs }
            guard let program = state.programs[programId] else {
                return decider.reject(CommandRejection.notFound, "paymentId", value: paymentId, "the payment's subsidy programme does not exist")
            }
            let minor = min(reversedMinor, max(0, program.budgetLeft.minorUnits))
            if minor > 0 { restored = Amount(minorUnits: minor, currency: payment.currency) }
        }
        var events: [DomainEvent] = [.chargebackReversed(ChargebackReversed(
            chargebackId: chargebackId, paymentId: paymentId, invoiceId: payment.invoiceId, sellerId: payment.sellerId,
            amount: Amount(minorUnits: open, currency: payment.currency), subsidyRestored: restored, effectiveAt: at))]
        if let restored, let programId = payment.subsidyProgramId {
            events.append(.subsidyRestored(SubsidyRestored(
                programId: programId, paymentId: paymentId, sellerId: payment.sellerId, chargebackId: chargebackId, amount: restored,
                effectiveAt: at)))
        }
        return decider.accept(events)
    }
}
