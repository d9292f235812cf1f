import Money

/// A merchant and currency not paid this time, and why; `balance` is what the payable account
/// holds as of the end of the date (debit-positive: negative when the merchant is owed).
public struct SkippedPayout: Sendable, Equatable {
    public var merchantId: String
    public var currency: Currency
    public var balance: Amount
    public var reason: SkipReason
    /// For a person: which rate is missing, what the minimum is.
    public var detail: String

    public init(merchantId: String, currency: Currency, balance: Amount, reason: SkipReason, detail: String) {
        self.merchantId = merchantId
        self.currency = currency
        self.balance = balance
        self.reason = reason
        self.detail = detail
    }
}
