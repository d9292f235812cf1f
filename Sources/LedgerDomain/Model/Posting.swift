import Money

/// One leg of an event's bookkeeping: an account path, a currency and signed minor units
/// (debit positive, credit negative).
public struct Posting: Hashable, Sendable {
    public let account: String
    public let currency: Currency
    public let amountMinor: Int64

    public init(account: String, currency: Currency, amountMinor: Int64) {
        self.account = account
        self.currency = currency
        self.amountMinor = amountMinor
    }

    /// Debit `amount` to `account`.
    public static func debit(_ account: String, _ amount: Amount) -> Posting {
        Posting(account: account, currency: amount.currency, amountMinor: amount.minorUnits)
    }

    /// Credit `amount` to `account` (negative minor units).
    public static func credit(_ account: String, _ amount: Amount) -> Posting {
        Posting(account: account, currency: amount.currency, amountMinor: -amount.minorUnits)
    }

    public var amount: Amount { Amount(minorUnits: amountMinor, currency: currency) }
}
