/// Running `Int64` sums under small integer keys, every addition overflow-checked. A sum that an
/// addition would take out of range keeps no value from then on (it reads nil), and only that
/// first overflowing addition reports it.
///
/// Entries stay sorted by key and are found by binary search: a file has a handful of keys, and
/// the reader's hot path does no hashing.
struct VisaCheckedSums: Hashable, Sendable {
    struct Entry: Hashable, Sendable {
        var key: Int
        /// nil once the sum overflowed.
        var sum: Int64?
    }

    private(set) var entries: [Entry] = []

    /// The sum under `key`: 0 when nothing was added, nil once it overflowed.
    func value(_ key: Int) -> Int64? {
        let i = position(key)
        guard i < entries.count, entries[i].key == key else { return 0 }
        return entries[i].sum
    }

    /// Adds `amount` to the sum under `key`, or subtracts it when `negated`. Returns true when
    /// this addition made the sum overflow (false when it fits, or had already overflowed).
    @inline(__always)
    mutating func add(_ amount: Int64, negated: Bool = false, to key: Int) -> Bool {
        let i = position(key)
        if i == entries.count || entries[i].key != key { entries.insert(Entry(key: key, sum: 0), at: i) }
        guard let sum = entries[i].sum else { return false }
        let (result, overflow) = negated ? sum.subtractingReportingOverflow(amount) : sum.addingReportingOverflow(amount)
        entries[i].sum = overflow ? nil : result
        return overflow
    }

    /// The index of `key`, or where it would be inserted.
    private func position(_ key: Int) -> Int {
        var low = 0, high = entries.count
        while low < high {
            let mid = (low + high) / 2
            if entries[mid].key < key { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
