extension LedgerState {
    /// The stream types whose state grows with the trade itself: one stream per invoice, payment,
    /// payout, hold, exception and settlement file.
    public static let tradeStreamTypes: Set<String> = [
        StreamID.invoiceType, StreamID.paymentType, StreamID.payoutType, StreamID.payoutHoldType,
        StreamID.reconExceptionType, StreamID.settlementFileType,
    ]

    /// This state without its trade streams (`tradeStreamTypes`): exactly the state of the other
    /// streams alone, as if the trade streams had never been loaded, so a decision that needs one
    /// asks for it again (`Decision.needs`). Each part of the state is folded from the events of
    /// one stream type only (invoices from invoice streams, programmes from subsidy streams, …),
    /// so nothing kept depends on what is dropped. What is kept (parties, cards, programmes and
    /// the programme set, rates, the closed period) is the reference data every batch reads
    /// again; a busy programme's stream is long, and reading it again is the costly part of a
    /// reset.
    public func withoutTradeStreams() -> LedgerState {
        func isTrade(_ streamId: String) -> Bool { StreamID.type(of: streamId).map(Self.tradeStreamTypes.contains) ?? false }
        var kept = self
        kept.invoices = [:]
        kept.payments = [:]
        kept.payouts = [:]
        kept.payoutHolds = [:]
        kept.exceptions = [:]
        kept.loadedStreams = loadedStreams.filter { !isTrade($0) }
        kept.streamVersions = streamVersions.filter { !isTrade($0.key) }
        kept.loadedStreamTypes.subtract(Self.tradeStreamTypes)
        return kept
    }
}
