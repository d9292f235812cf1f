/// An expected failure in the Money module, with a message a person can act on
/// (e.g. `HKD has 2 decimal places`). Callers prefix the field they were reading.
public struct MoneyError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case unknownCurrency = "unknown_currency"
        case invalidDecimal = "invalid_decimal"
        case tooManyDecimalPlaces = "too_many_decimal_places"
        case tooManyDigits = "too_many_digits"
        case negativeNotAllowed = "negative_not_allowed"
        case overflow = "overflow"
        case currencyMismatch = "currency_mismatch"
        case invalidRate = "invalid_rate"
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// Longest input echoed back in a message; longer input is cut with "…".
    static let echoedBytesMax = 40

    /// Quotes user input for a message, cut to `echoedBytesMax` bytes.
    static func quoted(_ text: String) -> String {
        let utf8 = Array(text.utf8)
        if utf8.count <= echoedBytesMax { return "\"\(text)\"" }
        return "\"\(String(decoding: utf8.prefix(echoedBytesMax), as: UTF8.self))…\""
    }

    static func quoted(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        quoted(String(decoding: bytes, as: UTF8.self))
    }
}
