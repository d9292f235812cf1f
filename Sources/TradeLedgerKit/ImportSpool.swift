import LedgerDomain
import Money
import Reconciliation

/// The importer's `BookingSink`: the matched items become `SettlementItemsMatched` events of
/// `SettlementItemsMatched.itemsMax` items (parts 1, 2, …, as the array form cut them) and the fees
/// `SchemeFeesCharged` events, encoded to their canonical bodies as they come and spooled to
/// unlinked temporary files (`BodySpool`); the bulk append streams them back. Memory: one part
/// of items and two write buffers, whatever the file's size.
final class ImportSpool: BookingSink {
    let fileId: String
    let effectiveAt: Timestamp
    private var chunk: [SettlementItem] = []
    let items: BodySpool
    let fees: BodySpool

    init(fileId: String, effectiveAt: Timestamp) throws(AppError) {
        self.fileId = fileId
        self.effectiveAt = effectiveAt
        items = try BodySpool()
        fees = try BodySpool()
        chunk.reserveCapacity(SettlementItemsMatched.itemsMax)
    }

    /// `SettlementItemsMatched` events spooled (after `finish`, all of them).
    var parts: Int { items.count }

    func take(_ item: SettlementItem) {
        chunk.append(item)
        if chunk.count == SettlementItemsMatched.itemsMax { spoolChunk() }
    }

    func take(_ fee: ReconBookings.Fee) {
        fees.append(DomainEvent.schemeFeesCharged(SchemeFeesCharged(feeId: fee.feeId, fileId: fileId, amount: fee.amount,
                                                                     description: fee.description, effectiveAt: effectiveAt)).canonicalJSON())
    }

    private func spoolChunk() {
        let event = SettlementItemsMatched(fileId: fileId, part: Int64(items.count + 1), items: chunk, effectiveAt: effectiveAt)
        items.append(DomainEvent.settlementItemsMatched(event).canonicalJSON())
        chunk.removeAll(keepingCapacity: true)
    }

    /// Spools the last, partial part and writes everything out (once every item is booked).
    func finish() throws(AppError) {
        if !chunk.isEmpty { spoolChunk() }
        try items.finishWriting()
        try fees.finishWriting()
    }
}

/// A dry run's sink: counts and sums stay in `ReconBookings`, the items and fees are dropped.
final class DiscardingSink: BookingSink {
    func take(_ item: SettlementItem) {}
    func take(_ fee: ReconBookings.Fee) {}
}
