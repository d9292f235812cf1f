import LedgerDomain

/// Where an import's file-sized bookings go as the engine decides them: the matched items (one
/// per matched line) and the fees (one per TC 10 / 20 line). The engine keeps only counts and
/// sums of them, so its memory does not grow with the file; the importer spools them to disk and
/// streams them into the bulk append (`ReconcileService`). Without a sink (`nil`) the engine
/// keeps them in `ReconBookings.matchedItems` / `fees`, for callers that want them in memory.
public protocol BookingSink: AnyObject {
    func take(_ item: SettlementItem)
    func take(_ fee: ReconBookings.Fee)
}
