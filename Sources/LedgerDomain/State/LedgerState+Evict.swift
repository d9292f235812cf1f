extension LedgerState {
    /// The stream types whose state grows with the trade itself: one stream per invoice, payment,
    /// payout, hold, exception and settlement file.
    public static let tradeStreamTypes: Set<String> = [
        StreamID.invoiceType, StreamID.paymentType, StreamID.payoutType, StreamID.payoutHoldType,
        StreamID.reconExceptionType, StreamID.settlementFileType,
    ]

    /// Whether the stream is of one of `tradeStreamTypes`.
    public static func isTradeStream(_ streamId: String) -> Bool {
        StreamID.type(of: streamId).map(tradeStreamTypes.contains) ?? false
    }

    /// This state without its trade streams (`tradeStreamTypes`): exactly the state of the other
    /// streams alone, as if the trade streams had never been loaded, so a decision that needs one
    /// asks for it again (`Decision.needs`). Each part of the state is folded from the events of
    /// one stream type only (invoices from invoice streams, programmes from subsidy streams, …),
    /// so nothing kept depends on what is dropped; the one exception, an invoice's
    /// `refundedMinor` (folded from its payments' refunds when the invoice is loaded first), is
    /// reporting only and read by no decision (`InvoiceState`). What is kept (parties, cards,
    /// programmes and the programme set, rates, the closed period) is the reference data every
    /// batch reads again; a busy programme's stream is long, and reading it again is the costly part of a
    /// reset.
    ///
    /// `keeping`: trade streams kept as well (exactly the state of the other streams and these):
    /// `submit` keeps those the batch in flight writes, whose effects the log does not hold yet,
    /// so it can bound the state and still decide the next batch meanwhile.
    public func withoutTradeStreams(keeping: Set<String> = []) -> LedgerState {
        func isDropped(_ streamId: String) -> Bool { Self.isTradeStream(streamId) && !keeping.contains(streamId) }
        /// The entries of `part` whose stream (`stream(key)`) is kept.
        func keptPart<V>(_ part: [String: V], _ stream: (String) -> String) -> [String: V] {
            keeping.isEmpty ? [:] : part.filter { keeping.contains(stream($0.key)) }
        }
        var kept = self
        kept.invoices = keptPart(invoices, StreamID.invoice)
        kept.payments = keptPart(payments, StreamID.payment)
        kept.payouts = keptPart(payouts, { $0 })  // keyed by stream id
        kept.payoutHolds = keptPart(payoutHolds, StreamID.payoutHold)
        kept.exceptions = keptPart(exceptions, StreamID.reconException)
        kept.loadedStreams = loadedStreams.filter { !isDropped($0) }
        kept.streamVersions = streamVersions.filter { !isDropped($0.key) }
        kept.loadedStreamTypes.subtract(Self.tradeStreamTypes)
        return kept
    }
}
