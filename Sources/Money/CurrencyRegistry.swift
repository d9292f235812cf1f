enum CurrencyRegistry {
    /// All currencies, sorted by code (the table text is sorted; `load` checks it).
    static let rows: [CurrencyInfo] = load()

    /// Numeric code → index into `rows`; 1000 slots because numeric codes are 3 digits.
    static let indexByNumeric: [Int16] = {
        var slots = [Int16](repeating: -1, count: 1000)
        for (index, row) in rows.enumerated() {
            precondition(slots[Int(row.numeric)] == -1, "duplicate ISO 4217 numeric code \(row.numeric)")
            slots[Int(row.numeric)] = Int16(index)
        }
        return slots
    }()

    static func pack(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt32 {
        UInt32(a) << 16 | UInt32(b) << 8 | UInt32(c)
    }

    /// Binary search by packed code; nil when the code is not in the table.
    static func index(packedCode: UInt32) -> Int? {
        var low = 0
        var high = rows.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let candidate = rows[middle].packedCode
            if candidate == packedCode { return middle }
            if candidate < packedCode { low = middle + 1 } else { high = middle - 1 }
        }
        return nil
    }

    private static func load() -> [CurrencyInfo] {
        var result: [CurrencyInfo] = []
        for line in currencyTableText.split(separator: "\n") {
            let fields = line.split(separator: " ")
            precondition(fields.count == 3, "bad currency table line: \(line)")
            let letters = Array(fields[0].utf8)
            precondition(letters.count == 3 && letters.allSatisfy { $0 >= 0x41 && $0 <= 0x5A })
            guard let numeric = UInt16(fields[1]), let exponent = UInt8(fields[2]), exponent <= 4 else {
                preconditionFailure("bad currency table line: \(line)")
            }
            var scale: Int64 = 1
            for _ in 0..<exponent { scale *= 10 }
            let packed = pack(letters[0], letters[1], letters[2])
            if let last = result.last { precondition(last.packedCode < packed, "currency table not sorted at \(line)") }
            result.append(CurrencyInfo(packedCode: packed, code: String(fields[0]), numeric: numeric,
                                       exponent: exponent, minorPerMajor: scale))
        }
        return result
    }
}
