import Money

/// The in-memory view that decisions read, folded from events with `apply`.
///
/// It holds only the streams the caller loaded: `loadedStreams` (a stream can be loaded and
/// empty, meaning it does not exist) and `loadedStreamTypes` (every stream of that type loaded,
/// e.g. all subsidy programmes). `decide` asks for what it lacks with `Decision.needs`.
public struct LedgerState: Sendable, Equatable {
    public internal(set) var parties: [String: PartyRegistered] = [:]
    public internal(set) var cards: [String: CardBound] = [:]
    public internal(set) var programs: [String: ProgramState] = [:]
    /// The programme set (`ledger-programs`): programme id → its position in the set.
    public internal(set) var programListing: [String: Int64] = [:]
    /// The latest closed date (`ledger-periods`), nil when no period was closed.
    public internal(set) var closedThrough: CalendarDay?
    /// Rates per pair ("HKDUSD"), in the order recorded.
    public internal(set) var fxRates: [String: [FxRateRecorded]] = [:]
    public internal(set) var invoices: [String: InvoiceState] = [:]
    public internal(set) var payments: [String: PaymentState] = [:]
    public internal(set) var exceptions: [String: ExceptionState] = [:]
    /// Payouts by id (`payout-{merchant}-{ccy}-{date}`).
    public internal(set) var payouts: [String: PayoutState] = [:]
    /// Merchants whose payouts are on hold, with the hold.
    public internal(set) var payoutHolds: [String: PayoutsHeld] = [:]
    public internal(set) var streamVersions: [String: Int64] = [:]
    public internal(set) var loadedStreams: Set<String> = []
    public internal(set) var loadedStreamTypes: Set<String> = []

    public init() {}

    public mutating func markLoaded(_ streamId: String) { loadedStreams.insert(streamId) }

    /// Every stream of `type` has been loaded (streams of it not in the state do not exist).
    public mutating func markLoaded(allOfType type: String) { loadedStreamTypes.insert(type) }

    public func isLoaded(_ streamId: String) -> Bool {
        if loadedStreams.contains(streamId) { return true }
        guard !loadedStreamTypes.isEmpty, let type = StreamID.type(of: streamId) else { return false }
        return loadedStreamTypes.contains(type)
    }

    /// The stream's current version (0: no events).
    public func version(of streamId: String) -> Int64 { streamVersions[streamId] ?? 0 }

    /// The latest rate for base → quote whose `asOf` ≤ `instant` (latest recorded wins a tie).
    public func fxRate(base: Currency, quote: Currency, asOf instant: Timestamp) -> FxRateRecorded? {
        guard let rates = fxRates[base.code + quote.code] else { return nil }
        var best: FxRateRecorded? = nil
        for rate in rates where rate.asOf <= instant {
            if best == nil || rate.asOf >= best!.asOf { best = rate }
        }
        return best
    }

    /// Programmes in launch order (earliest first): the order in the log. Listed programmes by
    /// their position in the programme set; programmes launched before the set existed (never
    /// listed; every one of them precedes every listed one in the log) first, by their launch's seq.
    public var programsInLaunchOrder: [ProgramState] {
        programs.values.sorted { lhs, rhs in
            switch (programListing[lhs.programId], programListing[rhs.programId]) {
            case (let l?, let r?): return l < r
            case (nil, _?): return true
            case (_?, nil): return false
            case (nil, nil): return ProgramState.launchedBefore(lhs, rhs)
            }
        }
    }
}
