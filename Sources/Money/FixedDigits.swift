/// Small helpers for fixed-width ASCII digits, shared by the date and time parsers and writers.
enum FixedDigits {
    /// The value of `width` ASCII digits at `start`, or nil if any byte is not a digit.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, width: Int) -> Int64? {
        guard start >= 0, start + width <= bytes.count else { return nil }
        var value: Int64 = 0
        for index in start..<(start + width) {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit <= 9 else { return nil }
            value = value * 10 + Int64(digit)
        }
        return value
    }

    /// Appends `value` as exactly `width` digits, zero-padded (value must fit).
    static func append(_ value: Int64, width: Int, to output: inout [UInt8]) {
        precondition(value >= 0, "fixed-width digits must not be negative")
        var divisor: Int64 = 1
        for _ in 1..<width { divisor *= 10 }
        precondition(value / divisor < 10, "value \(value) does not fit \(width) digits")
        var rest = value
        while divisor > 0 {
            output.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
