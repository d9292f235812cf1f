import Money

/// A card capture or refund on the ledger side of matching (a row of `recon.items`).
public struct LedgerItem: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case capture
        case refund
    }

    /// Which item this is: (kind, payment, item id), recon.items' key after the ledger's.
    /// A refund id is unique within its payment only (two payments may each have a refund RF1);
    /// a capture's item id is its payment id.
    public struct Key: Sendable, Hashable {
        public var kind: Kind
        public var paymentId: String
        public var itemId: String
        public init(kind: Kind, paymentId: String, itemId: String) {
            self.kind = kind
            self.paymentId = paymentId
            self.itemId = itemId
        }

        /// As evidence names it: `capture PAY7`, `refund RF1 of payment PAY7`.
        public var text: String { "\(kind.rawValue) \(idText)" }
        /// The item id, and a refund's payment: `PAY7`, `RF1 of payment PAY7`.
        public var idText: String { kind == .refund ? "\(itemId) of payment \(paymentId)" : itemId }
    }

    public var kind: Kind
    /// The payment id (captures) or refund id (refunds).
    public var itemId: String
    public var paymentId: String
    public var arn: UInt128
    public var visaTransactionId: UInt64?
    public var token: MatchKeys.TokenKey?
    public var authCode: UInt64?
    public var amount: Amount
    public var businessDate: CalendarDay
    /// The missing_in_file exception raised for this item, and whether it is still open.
    public var missingException: String?
    public var missingExceptionOpen: Bool
    /// Matched by an earlier import (only items looked up for TC 15 / 25 / 35 can be).
    public var matchedBefore: Bool
    /// Claimed by an earlier import's currency_mismatch: matched (so never matched again) but
    /// still in clearing, so a TC 25 has no presentment of it to reverse.
    public var heldInClearing: Bool

    public init(kind: Kind, itemId: String, paymentId: String, arn: UInt128, visaTransactionId: UInt64?,
                token: MatchKeys.TokenKey?, authCode: UInt64?, amount: Amount, businessDate: CalendarDay,
                missingException: String? = nil, missingExceptionOpen: Bool = false, matchedBefore: Bool = false,
                heldInClearing: Bool = false) {
        self.kind = kind
        self.itemId = itemId
        self.paymentId = paymentId
        self.arn = arn
        self.visaTransactionId = visaTransactionId
        self.token = token
        self.authCode = authCode
        self.amount = amount
        self.businessDate = businessDate
        self.missingException = missingException
        self.missingExceptionOpen = missingExceptionOpen
        self.matchedBefore = matchedBefore
        self.heldInClearing = heldInClearing
    }

    public var key: Key { Key(kind: kind, paymentId: paymentId, itemId: itemId) }

    public var fallbackKey: MatchKeys.FallbackKey? {
        guard let token, let authCode else { return nil }
        return MatchKeys.FallbackKey(token: token, authCode: authCode, amountMinor: amount.minorUnits, currency: amount.currency)
    }
}
