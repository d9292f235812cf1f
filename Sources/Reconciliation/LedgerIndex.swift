import Money

/// The ledger side of the hash join: the items loaded once per import (unmatched captures and
/// refunds, plus the captures that TC 15 / 25 / 35 lines of the file name), indexed by every key a
/// stage uses. Lines are then looked up in O(1) each while the file streams by.
///
/// `isMatched` is the state as the import goes: an item matched by a line is not matched again
/// (the next line that finds it is a duplicate presentment); a TC 25 makes it matchable again.
public struct LedgerIndex: Sendable {
    public private(set) var items: [LedgerItem] = []
    private(set) var isMatched: [Bool] = []
    private var captureByARN = MultiIndex<UInt128>()
    private var refundByARN = MultiIndex<UInt128>()
    private var captureByTransactionId = MultiIndex<UInt64>()
    private var captureByFallback = MultiIndex<MatchKeys.FallbackKey>()
    private var positionById: [LedgerItem.Key: Int32] = [:]

    public init() {}

    public var count: Int { items.count }

    public mutating func reserveCapacity(_ count: Int) {
        items.reserveCapacity(count)
        isMatched.reserveCapacity(count)
        captureByARN.reserveCapacity(count)
        captureByTransactionId.reserveCapacity(count)
        captureByFallback.reserveCapacity(count)
        positionById.reserveCapacity(count)
    }

    /// Adds an item once (a second add of the same item is ignored).
    public mutating func add(_ item: LedgerItem) {
        let key = item.key
        guard positionById[key] == nil else { return }
        precondition(items.count < Int(Int32.max), "index too large")
        let position = Int32(items.count)
        items.append(item)
        isMatched.append(item.matchedBefore)
        positionById[key] = position
        switch item.kind {
        case .capture:
            captureByARN.insert(item.arn, position)
            if let id = item.visaTransactionId { captureByTransactionId.insert(id, position) }
            if let key = item.fallbackKey { captureByFallback.insert(key, position) }
        case .refund:
            refundByARN.insert(item.arn, position)
        }
    }

    func captures(arn: UInt128) -> [Int32] { captureByARN.positions(arn) }
    func refunds(arn: UInt128) -> [Int32] { refundByARN.positions(arn) }
    func captures(transactionId: UInt64) -> [Int32] { captureByTransactionId.positions(transactionId) }
    func captures(fallback: MatchKeys.FallbackKey) -> [Int32] { captureByFallback.positions(fallback) }

    func matched(_ position: Int32) -> Bool { isMatched[Int(position)] }
    mutating func setMatched(_ position: Int32, _ value: Bool) { isMatched[Int(position)] = value }
    public subscript(position: Int32) -> LedgerItem { items[Int(position)] }
    /// Whether the item was matched before this import (the index loads only unmatched items,
    /// plus the captures a TC 15 / 25 / 35 names).
    public func wasMatched(_ position: Int32) -> Bool { items[Int(position)].matchedBefore }

    /// Positions of the items still unmatched after the file's lines, in load order.
    public var unmatchedPositionsForSweep: [Int32] {
        var out: [Int32] = []
        for (i, m) in isMatched.enumerated() where !m { out.append(Int32(i)) }
        return out
    }
}
