import LedgerDomain
import Money

/// Text helpers for the scenario generator: amounts, times, Luhn, padding. Integer-only, so the
/// output is byte-identical on every platform.
enum GenFormat {
    static let pow10: [Int64] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
                                 1_000_000_000, 10_000_000_000]

    /// Decimal digits of `value` (≥ 0), left-padded with zeros to `width`.
    static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        if digits.utf8.count >= width { return digits }
        return String(repeating: "0", count: width - digits.utf8.count) + digits
    }

    /// Minor units as a major-unit decimal with exactly `exponent` fraction digits: "1234.50", "1500".
    static func amount(_ minor: Int64, exponent: Int) -> String {
        precondition(minor >= 0, "generator amounts are non-negative")
        if exponent == 0 { return String(minor) }
        let scale = pow10[exponent]
        return "\(minor / scale).\(padded(minor % scale, exponent))"
    }

    /// An FX rate numerator over 10^10, with all 10 fraction digits: "0.9234000000".
    static func rate(_ numerator: Int64) -> String { amount(numerator, exponent: 10) }

    static let millisPerDay: Int64 = 86_400_000
    static let hongKongOffsetMillis: Int64 = 8 * 3_600_000

    /// RFC 3339 for `millis` after 2026-05-15T00:00:00Z, either in UTC ("…Z") or in Hong Kong
    /// time ("…+08:00"); the instant is the same.
    static func time(millisSinceDayStartUTC millis: Int64, hongKong: Bool) -> String {
        let local = hongKong ? millis + hongKongOffsetMillis : millis
        let day = 15 + local / millisPerDay  // the generator stays well inside May
        var rest = local % millisPerDay
        let hours = rest / 3_600_000; rest %= 3_600_000
        let minutes = rest / 60_000; rest %= 60_000
        let seconds = rest / 1_000
        let ms = rest % 1_000
        return "2026-05-\(padded(day, 2))T\(padded(hours, 2)):\(padded(minutes, 2)):\(padded(seconds, 2)).\(padded(ms, 3))\(hongKong ? "+08:00" : "Z")"
    }

    /// Luhn check digit (0–9) that makes `payload` + digit valid: LedgerDomain's `Luhn`.
    static func luhnCheckDigit(_ payload: String) -> Int {
        Int(Luhn.checkDigit(for: payload.utf8) - UInt8(ascii: "0"))
    }

    /// Half-even division of a non-negative numerator: Money's `divide`.
    static func divideHalfEven(_ numerator: Int64, by divisor: Int64) -> Int64 {
        Int64(divide(Int128(numerator), by: Int128(divisor), rounding: .halfEven))
    }

    /// Upper-case base-36 text (for references that must not contain long digit runs).
    static func base36(_ value: Int) -> String { String(value, radix: 36, uppercase: true) }

    /// The seed as text safe inside any field: digit runs of at most 6, joined by "x" (a letter:
    /// the PAN guard joins digits across ".", "-", "_", "/" and spaces), so a long seed can never
    /// look like a card number.
    static func seedTag(_ seed: UInt64) -> String {
        let digits = Array(String(seed))
        var parts: [String] = []
        var index = 0
        while index < digits.count {
            let end = min(index + 6, digits.count)
            parts.append(String(digits[index..<end]))
            index = end
        }
        return parts.joined(separator: "x")
    }
}
