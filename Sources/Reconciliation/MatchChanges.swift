/// The import's changes to which ledger items are matched, by index position: dense arrays of
/// the index's size (a byte and a record number per item: ledger-sized, not file-sized), plus the
/// exception ids of the items claimed by an exception (one per currency_mismatch exception).
public struct MatchChanges: Sendable {
    private static let unchanged: UInt8 = 0
    private static let matched: UInt8 = 1
    private static let unmatched: UInt8 = 2

    private var state: [UInt8]
    private var record: [Int64]
    private var exceptionIds: [Int32: String] = [:]
    /// Positions whose state changed, at least once (a position may repeat after a TC 25 and
    /// a later match: `forEachChanged` visits each once).
    public private(set) var changedCount = 0

    public init(count: Int) {
        state = Array(repeating: Self.unchanged, count: count)
        record = Array(repeating: 0, count: count)
    }

    /// nil: unchanged by this import; `record` nil: matchable again (TC 25).
    public subscript(position: Int32) -> (record: Int64?, exceptionId: String?)? {
        get {
            let p = Int(position)
            switch state[p] {
            case Self.matched: return (record[p], exceptionIds[position])
            case Self.unmatched: return (nil, nil)
            default: return nil
            }
        }
        set {
            let p = Int(position)
            if state[p] == Self.unchanged, newValue != nil { changedCount += 1 }
            if state[p] != Self.unchanged, newValue == nil { changedCount -= 1 }
            exceptionIds[position] = newValue?.exceptionId
            guard let newValue else { state[p] = Self.unchanged; return }
            if let r = newValue.record {
                state[p] = Self.matched
                record[p] = r
            } else {
                state[p] = Self.unmatched
            }
        }
    }

    /// Every changed position in position order.
    public func forEachChanged(_ body: (Int32, _ record: Int64?, _ exceptionId: String?) throws -> Void) rethrows {
        for p in state.indices where state[p] != Self.unchanged {
            let position = Int32(p)
            try body(position, state[p] == Self.matched ? record[p] : nil, exceptionIds[position])
        }
    }
}
