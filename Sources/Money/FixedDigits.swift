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

    /// Writes `value` as exactly `width` digits, zero-padded, at `offset` (value must fit).
    static func write(_ value: Int64, width: Int, into output: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        precondition(value >= 0, "fixed-width digits must not be negative")
        precondition(offset >= 0 && offset + width <= output.count, "no room for \(width) digits")
        var rest = value
        for index in stride(from: offset + width - 1, through: offset, by: -1) {
            output[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
        precondition(rest == 0, "value \(value) does not fit \(width) digits")
    }
}
