/// Exact decimal text ⇄ scaled integers, on UTF-8 bytes (no Foundation, no floating point).
///
/// Grammar accepted by `parse`: `-? digit+ ( "." digit+ )?`. No exponent, no separators, no spaces,
/// no leading "+", no empty integer or fraction part (`""`, `"."`, `"1."`, `".5"` are refused).
/// Leading zeros are allowed (`"007.50"`); the input is bounded by `textBytesMax`. `"-0"` is zero.
/// Significant digits are the digits written, from the first non-zero digit on (fraction included).
public enum DecimalText {
    /// Longest decimal text accepted, in bytes.
    public static let textBytesMax = 40
    /// Most significant digits accepted (DOMAIN.md: at most 18).
    public static let significantDigitsMax = 18

    enum Failure: Error, Equatable {
        case empty
        case plusSign
        case negative
        case badCharacter
        case missingIntegerDigits
        case missingFractionDigits
        case tooLong
        case tooManyFractionDigits(written: Int)
        case tooManySignificantDigits
        case overflow
    }

    /// Parses `bytes` into an integer scaled by 10^`scaleDigits` (e.g. minor units).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, scaleDigits: Int, allowNegative: Bool) throws(Failure) -> Int64 {
        let count = bytes.count
        guard count > 0 else { throw .empty }
        guard count <= textBytesMax else { throw .tooLong }
        var index = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "+") { throw .plusSign }
        if bytes[0] == UInt8(ascii: "-") { negative = true; index = 1 }
        var magnitude: UInt64 = 0
        var significant = 0
        var integerDigits = 0
        var fractionDigits = 0
        var overflowed = false
        var seenPoint = false
        while index < count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: ".") {
                guard !seenPoint else { throw .badCharacter }
                guard integerDigits > 0 else { throw .missingIntegerDigits }
                seenPoint = true
                continue
            }
            let digit = byte &- UInt8(ascii: "0")
            guard digit <= 9 else { throw .badCharacter }
            if seenPoint { fractionDigits += 1 } else { integerDigits += 1 }
            if significant > 0 || digit != 0 { significant += 1 }
            if significant <= 19 {
                let (shifted, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (added, o2) = shifted.addingReportingOverflow(UInt64(digit))
                overflowed = overflowed || o1 || o2
                magnitude = added
            }
        }
        guard integerDigits > 0 else { throw .missingIntegerDigits }
        if seenPoint && fractionDigits == 0 { throw .missingFractionDigits }
        if negative && !allowNegative { throw .negative }
        if fractionDigits > scaleDigits { throw .tooManyFractionDigits(written: fractionDigits) }
        if significant > significantDigitsMax { throw .tooManySignificantDigits }
        precondition(!overflowed, "18 significant digits always fit in UInt64")
        for _ in fractionDigits..<scaleDigits {
            let (shifted, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            if overflow { throw .overflow }
            magnitude = shifted
        }
        guard magnitude <= UInt64(Int64.max) else { throw .overflow }
        return negative ? -Int64(magnitude) : Int64(magnitude)
    }

    /// Appends `value` / 10^`scaleDigits` with exactly `scaleDigits` fraction digits: "1234.50",
    /// "1500", "0.000", "-0.05".
    static func append(_ value: Int64, scaleDigits: Int, to output: inout [UInt8]) {
        precondition(scaleDigits >= 0 && scaleDigits <= 19, "scale out of range")
        var magnitude = value.magnitude
        // The text is written on the stack from its last digit back (at most 20 digits, zeros
        // up to scaleDigits + 1 of them as in "0.05", a point and a sign), then appended once.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { text in
            var start = text.count
            var written = 0
            repeat {
                if written == scaleDigits && scaleDigits > 0 { start -= 1; text[start] = UInt8(ascii: ".") }
                start -= 1
                text[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
                written += 1
            } while magnitude > 0 || written < scaleDigits + 1
            if value < 0 { start -= 1; text[start] = UInt8(ascii: "-") }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: text[start...]))
        }
    }

    /// `append` into a new String.
    static func string(_ value: Int64, scaleDigits: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        append(value, scaleDigits: scaleDigits, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension DecimalText {
    /// Message for a grammar failure, e.g. `not a decimal amount: write a digit before "."`.
    static func syntaxMessage(_ failure: Failure, noun: String) -> String {
        switch failure {
        case .empty: return "an empty \(noun) (expected digits like \"1234.50\")"
        case .plusSign: return "a leading \"+\" is not allowed"
        case .badCharacter:
            return "not a decimal \(noun): only digits and one \".\" are allowed (no exponent, separators or spaces)"
        case .missingIntegerDigits: return "not a decimal \(noun): write a digit before \".\" (\"0.50\", not \".50\")"
        case .missingFractionDigits: return "not a decimal \(noun): write digits after \".\" or leave the \".\" out"
        case .tooLong: return "a decimal \(noun) has at most \(textBytesMax) characters"
        case .tooManySignificantDigits: return "a decimal \(noun) has at most \(significantDigitsMax) significant digits"
        case .negative: return "a negative \(noun) is not allowed here"
        case .tooManyFractionDigits(let written): return "too many decimal places (\(written))"
        case .overflow: return "the \(noun) is too large"
        }
    }
}
