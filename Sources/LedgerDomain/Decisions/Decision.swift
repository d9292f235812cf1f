public enum Decision: Sendable, Hashable {
    /// The events to append, and the guards: streams the decision read but does not write whose
    /// version it relied on (stream → version read; 0: the stream did not exist). The append
    /// expects each of them unchanged without writing to it, so a decision made against a
    /// programme set or a closing period that another writer has since moved is decided again.
    case accepted([PendingEvent], guards: [String: Int64])
    case rejected(CommandRejection)
    /// Load these streams (fold their events with `LedgerState.apply`, then `markLoaded`) and
    /// decide again.
    case needs(Set<StreamNeed>)
}
