import LedgerDomain
import Money

/// A payout: `amount` owed in the payable currency, paid as `payoutAmount` in the merchant's
/// settlement currency at `rate` (nil in one currency).
public struct PlannedPayout: Sendable, Equatable {
    public var merchantId: String
    public var amount: Amount
    public var payoutAmount: Amount
    public var rate: FxRate?
    public var settlementDate: CalendarDay
    /// Appended already by an earlier run of the same date.
    public var alreadyApplied: Bool

    public init(merchantId: String, amount: Amount, payoutAmount: Amount, rate: FxRate?, settlementDate: CalendarDay,
                alreadyApplied: Bool = false) {
        self.merchantId = merchantId
        self.amount = amount
        self.payoutAmount = payoutAmount
        self.rate = rate
        self.settlementDate = settlementDate
        self.alreadyApplied = alreadyApplied
    }

    public var identity: PayoutID { PayoutID(merchantId: merchantId, currency: amount.currency, date: settlementDate) }
    /// `payout-{merchant}-{ccy}-{date}`: stream id and command id of the payout.
    public var payoutId: String { identity.text }

    /// The event: dated the last instant of the settlement date, so the payable as of that date is zero.
    public var event: MerchantPaidOut {
        MerchantPaidOut(merchantId: merchantId, amount: amount, payoutAmount: payoutAmount, rate: rate,
                        settlementDate: settlementDate, effectiveAt: settlementDate.endOfDay)
    }
}
