import Money

extension Decider {
    /// Holds a seller's payouts: `PayoutsHeld` on `payouthold-{merchant}`. Holding a held
    /// merchant is refused (`invalid_state`), so the hold's reason is the first one given.
    mutating func holdPayouts(_ command: HoldPayouts) -> Decision {
        read(StreamID.party(command.merchantId))
        read(StreamID.payoutHold(command.merchantId))
        if let needs { return needs }
        if case .failure(let rejected) = party(command.merchantId, role: .seller, field: "merchantId") { return rejected.decision }
        if state.payoutHolds[command.merchantId] != nil {
            return reject(CommandRejection.invalidState, "merchantId", value: command.merchantId, "payouts are already on hold")
        }
        return accept([.payoutsHeld(PayoutsHeld(merchantId: command.merchantId, reason: command.reason, effectiveAt: at))])
    }

    /// Releases a held merchant: `PayoutsReleased`. A merchant not on hold is refused (`invalid_state`).
    mutating func releasePayouts(_ command: ReleasePayouts) -> Decision {
        read(StreamID.party(command.merchantId))
        read(StreamID.payoutHold(command.merchantId))
        if let needs { return needs }
        if case .failure(let rejected) = party(command.merchantId, role: .seller, field: "merchantId") { return rejected.decision }
        if state.payoutHolds[command.merchantId] == nil {
            return reject(CommandRejection.invalidState, "merchantId", value: command.merchantId, "payouts are not on hold")
        }
        return accept([.payoutsReleased(PayoutsReleased(merchantId: command.merchantId, reason: command.reason, effectiveAt: at))])
    }

    /// Records a returned payout: `PayoutReturned` on the payout's stream, the payout's own
    /// amounts and rate reversed. `not_found` for a payout that was never made,
    /// `already_returned` for one returned before.
    mutating func recordPayoutReturned(_ command: RecordPayoutReturned) -> Decision {
        let id = command.payoutId.text
        read(id)
        if let needs { return needs }
        guard let payout = state.payouts[id] else {
            return reject(CommandRejection.notFound, "payoutId", value: id, "no such payout")
        }
        guard !payout.isReturned else {
            return reject(CommandRejection.alreadyReturned, "payoutId", value: id, "the payout was already returned")
        }
        return accept([.payoutReturned(PayoutReturned(returning: payout.paid, reason: command.reason,
                                                      bankReference: command.bankReference, effectiveAt: at))])
    }
}
