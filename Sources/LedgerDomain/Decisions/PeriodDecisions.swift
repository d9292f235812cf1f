import Money

/// Closing periods (`tradeledger period close --through D`; settlement closes its date the same
/// way). No command: the caller supplies the database clock.
public enum PeriodDecisions {
    public enum Outcome: Sendable, Hashable {
        case decided(Decision)
        /// The ledger is already closed through `through` or a later date: nothing to append.
        case alreadyClosed(through: CalendarDay)
    }

    /// Closes the ledger through `through`: `PeriodClosed` on `ledger-periods` at its current
    /// version. Monotonic and idempotent: a date on or before the latest closed one is already
    /// closed (no event; closing never reopens anything). Only a day that has ended can be closed
    /// (`period_not_ended` otherwise, measured against `now`, the database clock), so commands
    /// without `at`, which default to now, always fall after every closed date.
    public static func close(through: CalendarDay, now: Timestamp, state: LedgerState) -> Outcome {
        var decider = Decider(state: state, context: DecisionContext(now: now, tokenKey: []), commandType: "PeriodClose", at: now)
        decider.read(StreamID.periods)
        if let needs = decider.needs { return .decided(needs) }
        if let closed = state.closedThrough, through <= closed { return .alreadyClosed(through: closed) }
        guard through.endOfDay < now else {
            return .decided(decider.reject(CommandRejection.periodNotEnded, "through",
                                           "\(through.text) has not ended yet (UTC; the database clock says \(now.rfc3339)): only past days can be closed"))
        }
        return .decided(decider.accept([.periodClosed(PeriodClosed(through: through, effectiveAt: now))]))
    }
}
