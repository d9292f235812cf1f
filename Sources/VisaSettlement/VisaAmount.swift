/// Amount conventions of the file (VISA-FILE.md, "Amount conventions") and decimal formatting.
public enum VisaAmount {
    /// Implied decimals of the draft amount fields (62-73, 77-88, TCR 5 20-31) and, by decision,
    /// of the TC 10/20 amounts.
    public static let fieldDecimals = 2
    /// Implied decimals of the interchange fee (TCR 5 92-106).
    public static let feeDecimals = 6

    static let powersOfTen: [Int64] = (0...18).map { n in (0..<n).reduce(Int64(1)) { acc, _ in acc * 10 } }

    /// Minor units from a field with two implied decimals: a zero-exponent currency must end in
    /// "00" (nil otherwise); a three-exponent currency is multiplied by 10 (nil when that overflows
    /// 64 bits, which no 12-digit field does).
    @inline(__always)
    public static func minorUnits(fieldValue raw: Int64, exponent: Int) -> Int64? {
        precondition(exponent >= 0 && exponent <= 6, "exponent out of range")
        if exponent == fieldDecimals { return raw }
        if exponent < fieldDecimals {
            let divisor = powersOfTen[fieldDecimals - exponent]
            return raw % divisor == 0 ? raw / divisor : nil
        }
        let (minor, overflow) = raw.multipliedReportingOverflow(by: powersOfTen[exponent - fieldDecimals])
        return overflow ? nil : minor
    }

    /// The field value (two implied decimals) of an amount in minor units. A programmer error when
    /// the amount cannot be written exactly (a KWD amount that is not whole hundredths) or does not
    /// fit 64 bits as a field value.
    public static func fieldValue(minorUnits minor: Int64, exponent: Int) -> Int64 {
        precondition(minor >= 0, "file amounts are magnitudes")
        precondition(exponent >= 0 && exponent <= 6, "exponent out of range")
        if exponent <= fieldDecimals {
            let (value, overflow) = minor.multipliedReportingOverflow(by: powersOfTen[fieldDecimals - exponent])
            precondition(!overflow, "amount \(minor) does not fit a file field")
            return value
        }
        let divisor = powersOfTen[exponent - fieldDecimals]
        precondition(minor % divisor == 0, "amount \(minor) has more decimals than the file field carries")
        return minor / divisor
    }

    /// Divides with rounding half to even.
    public static func divideRoundingHalfEven(_ value: Int64, by divisor: Int64) -> Int64 {
        precondition(divisor > 0, "divisor is positive")
        var quotient = value / divisor
        let remainder = value % divisor  // same sign as value
        let twice = remainder.magnitude * 2
        if twice > divisor.magnitude || (twice == divisor.magnitude && quotient % 2 != 0) {
            quotient += value < 0 ? -1 : 1
        }
        return quotient
    }

    /// Millionths of a major unit to minor units of a currency of `exponent`, rounded half-even.
    public static func minorUnits(micros: Int64, exponent: Int) -> Int64 {
        precondition(exponent >= 0 && exponent <= feeDecimals, "exponent out of range")
        return divideRoundingHalfEven(micros, by: powersOfTen[feeDecimals - exponent])
    }

    /// "1234.50", "-2.36", "12345" (exponent 0).
    public static func decimal(_ value: Int64, exponent: Int) -> String {
        precondition(exponent >= 0 && exponent <= 18, "exponent out of range")
        var digits = String(value.magnitude)
        if exponent > 0 {
            if digits.count <= exponent {
                digits = String(repeating: "0", count: exponent - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -exponent))
        }
        return value < 0 ? "-" + digits : digits
    }

    /// Minor units in the currency's exponent: "1234.50" HKD, "12345" JPY, "1.234" KWD.
    public static func decimal(_ minor: Int64, _ currency: VisaCurrency) -> String {
        decimal(minor, exponent: currency.exponent)
    }
}
