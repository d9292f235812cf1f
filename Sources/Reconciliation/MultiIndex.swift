/// A hash index from a key to item positions that allocates nothing for unique keys (the usual
/// case): one dictionary of first positions, another only for keys that repeat.
struct MultiIndex<Key: Hashable & Sendable>: Sendable {
    private var first: [Key: Int32] = [:]
    private var more: [Key: [Int32]] = [:]

    mutating func reserveCapacity(_ count: Int) { first.reserveCapacity(count) }

    mutating func insert(_ key: Key, _ position: Int32) {
        if first[key] == nil { first[key] = position } else { more[key, default: []].append(position) }
    }

    /// Every position stored under `key`, in insertion order.
    func positions(_ key: Key) -> [Int32] {
        guard let head = first[key] else { return [] }
        guard let rest = more[key] else { return [head] }
        return [head] + rest
    }
}
