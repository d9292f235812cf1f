/// Why a command was refused: a stable `code` for programs, the `field` (a path such as
/// `lines[2].quantity`) when one is to blame, a `message` a person can act on, and for malformed
/// JSON the 1-based byte `column` within the line. Messages never echo card numbers or tokens.
public struct CommandRejection: Error, Hashable, Sendable, CustomStringConvertible {
    public var code: String
    public var field: String?
    public var message: String
    public var column: Int?

    public init(code: String, field: String? = nil, message: String, column: Int? = nil) {
        self.code = code
        self.field = field
        self.message = message
        self.column = column
    }

    public var description: String {
        var text = code
        if let field { text += " [\(field)]" }
        if let column { text += " column \(column)" }
        return text + ": " + message
    }

    // Codes (stable strings: tools and tests depend on them).
    public static let malformedJSON = "malformed_json"
    public static let missingField = "missing_field"
    public static let invalidField = "invalid_field"
    public static let unknownField = "unknown_field"
    public static let unknownType = "unknown_type"
    public static let panDetected = "pan_detected"
    public static let tokenKeyMissing = "token_key_missing"
    public static let notFound = "not_found"
    public static let alreadyExists = "already_exists"
    public static let wrongRole = "wrong_role"
    public static let currencyMismatch = "currency_mismatch"
    public static let exceedsOpenAmount = "exceeds_open_amount"
    public static let exceedsRefundable = "exceeds_refundable"
    public static let bindingMismatch = "binding_mismatch"
    public static let amountOverflow = "amount_overflow"
    public static let invalidState = "invalid_state"
    public static let alreadyResolved = "already_resolved"
    /// `at` lies further ahead of the database clock than the configured skew.
    public static let futureBusinessTime = "future_business_time"
    /// `at` falls on or before the end of the latest closed date.
    public static let periodClosed = "period_closed"
    /// `period close` of a day that has not ended yet.
    public static let periodNotEnded = "period_not_ended"
}
