/// Decimal text in major units ⇄ `Amount`, exact, per DOMAIN.md "Money".
///
/// Parsing follows `DecimalText` (no exponent, no separators, no "+", no `""`/`"."`/`"1."`/`".5"`,
/// at most 18 significant digits) and refuses more fraction digits than the currency's exponent,
/// even when they are zeros (`"1500.0"` is an error for JPY): a clean rule that a person can fix.
/// A "-" is accepted only when the caller passes `allowNegative: true`. Error messages do not echo
/// the input (the caller adds the field and value), e.g. `HKD has 2 decimal places`.
extension Amount {
    public init(parsing bytes: UnsafeBufferPointer<UInt8>, currency: Currency, allowNegative: Bool = false) throws(MoneyError) {
        do {
            let minor = try DecimalText.parse(bytes, scaleDigits: currency.exponent, allowNegative: allowNegative)
            self.init(minorUnits: minor, currency: currency)
        } catch {
            throw Amount.describe(error, currency: currency)
        }
    }

    public init(parsing text: String, currency: Currency, allowNegative: Bool = false) throws(MoneyError) {
        var copy = text
        let result: Result<Amount, MoneyError> = copy.withUTF8 { buffer in
            do throws(MoneyError) {
                return .success(try Amount(parsing: buffer, currency: currency, allowNegative: allowNegative))
            } catch {
                return .failure(error)
            }
        }
        self = try result.get()
    }

    public init(parsing bytes: [UInt8], currency: Currency, allowNegative: Bool = false) throws(MoneyError) {
        let result: Result<Amount, MoneyError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(MoneyError) {
                return .success(try Amount(parsing: buffer, currency: currency, allowNegative: allowNegative))
            } catch {
                return .failure(error)
            }
        }
        self = try result.get()
    }

    /// The amount in major units with the currency's full exponent: "1234.50", "1500", "0.000", "-0.05".
    public var decimalString: String { DecimalText.string(minorUnits, scaleDigits: currency.exponent) }

    /// Appends `decimalString`'s bytes (for encoders that build UTF-8 directly).
    public func appendDecimal(to output: inout [UInt8]) {
        DecimalText.append(minorUnits, scaleDigits: currency.exponent, to: &output)
    }

    static func describe(_ failure: DecimalText.Failure, currency: Currency) -> MoneyError {
        switch failure {
        case .negative:
            return MoneyError(.negativeNotAllowed, "a negative amount is not allowed here")
        case .tooManyFractionDigits:
            return MoneyError(.tooManyDecimalPlaces, "\(currency) has \(currency.exponent) decimal places")
        case .tooManySignificantDigits:
            return MoneyError(.tooManyDigits, "an amount has at most \(DecimalText.significantDigitsMax) significant digits")
        case .overflow:
            let largest = DecimalText.string(Int64.max, scaleDigits: currency.exponent)
            return MoneyError(.overflow, "too large for \(currency) (at most \(largest))")
        default:
            return MoneyError(.invalidDecimal, DecimalText.syntaxMessage(failure, noun: "amount"))
        }
    }
}

extension Amount: CustomStringConvertible {
    /// "1234.50 HKD"
    public var description: String { "\(decimalString) \(currency)" }
}
