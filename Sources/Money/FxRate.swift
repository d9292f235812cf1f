/// An FX rate: units of the quote currency per one unit of the base currency, as an exact decimal
/// with up to 10 fraction digits, held as an integer numerator over `FxRate.scale` (10^10).
///
/// Parsing follows `DecimalText` (no exponent, separators, sign or empty parts; at most 18
/// significant digits); a rate must be positive.
public struct FxRate: Hashable, Sendable, Comparable {
    /// Fraction digits a rate may have.
    public static let fractionDigitsMax = 10
    /// The fixed denominator of `numerator`: 10^10.
    public static let scale: Int64 = 10_000_000_000

    /// rate × 10^10.
    public let numerator: Int64

    public init(numerator: Int64) {
        precondition(numerator > 0, "an FX rate must be positive")
        self.numerator = numerator
    }

    public init(parsing bytes: UnsafeBufferPointer<UInt8>) throws(MoneyError) {
        let value: Int64
        do {
            value = try DecimalText.parse(bytes, scaleDigits: FxRate.fractionDigitsMax, allowNegative: false)
        } catch {
            throw FxRate.describe(error)
        }
        guard value > 0 else { throw MoneyError(.invalidRate, "an FX rate must be greater than zero") }
        self.init(numerator: value)
    }

    public init(parsing text: String) throws(MoneyError) {
        var copy = text
        let result: Result<FxRate, MoneyError> = copy.withUTF8 { buffer in
            do throws(MoneyError) { return .success(try FxRate(parsing: buffer)) } catch { return .failure(error) }
        }
        self = try result.get()
    }

    /// The rate with all 10 fraction digits, e.g. "0.9234000000". Canonical: one string per rate.
    public var decimalString: String { DecimalText.string(numerator, scaleDigits: FxRate.fractionDigitsMax) }

    public func appendDecimal(to output: inout [UInt8]) {
        DecimalText.append(numerator, scaleDigits: FxRate.fractionDigitsMax, to: &output)
    }

    public static func < (lhs: FxRate, rhs: FxRate) -> Bool { lhs.numerator < rhs.numerator }

    static func describe(_ failure: DecimalText.Failure) -> MoneyError {
        switch failure {
        case .tooManyFractionDigits:
            return MoneyError(.invalidRate, "an FX rate has at most \(fractionDigitsMax) decimal places")
        case .negative:
            return MoneyError(.invalidRate, "an FX rate must be greater than zero")
        case .overflow:
            return MoneyError(.invalidRate, "an FX rate is at most \(DecimalText.string(Int64.max, scaleDigits: fractionDigitsMax))")
        default:
            return MoneyError(.invalidRate, DecimalText.syntaxMessage(failure, noun: "rate"))
        }
    }
}

extension FxRate: CustomStringConvertible {
    public var description: String { decimalString }
}
