import Money

/// The bank returned a payout (`RecordPayoutReturned`), on the payout's own stream
/// `payout-{merchant}-{ccy}-{date}`: the amount goes back on the merchant's payable account, the
/// FX legs reversed at the payout's original rate, so the next settlement pays it again. Postings
/// mirror `MerchantPaidOut`: same currency, Dr platform/bank/{ccy}, Cr merchant payable; across
/// currencies, Dr platform/bank/{C2} / Cr fx/position (C2) and Dr fx/position (C1) / Cr merchant
/// payable (C1). A payout is returned at most once.
public struct PayoutReturned: DecodableLedgerEvent {
    public static let eventType = "PayoutReturned"
    public static let schemaVersion = 1

    public var merchantId: String
    public var amount: Amount
    public var payoutAmount: Amount
    public var rate: FxRate?
    public var settlementDate: CalendarDay
    public var reason: String
    public var bankReference: String
    public var effectiveAt: Timestamp
    public let postings: [Posting]

    public init(merchantId: String, amount: Amount, payoutAmount: Amount, rate: FxRate?, settlementDate: CalendarDay,
                reason: String, bankReference: String, effectiveAt: Timestamp) {
        precondition(amount.currency != payoutAmount.currency || amount == payoutAmount,
                     "a payout in the same currency pays the amount itself")
        self.merchantId = merchantId
        self.amount = amount
        self.payoutAmount = payoutAmount
        self.rate = rate
        self.settlementDate = settlementDate
        self.reason = reason
        self.bankReference = bankReference
        self.effectiveAt = effectiveAt
        self.postings = PostingRules.crossCurrency(debit: Account.platformBank(payoutAmount.currency), received: payoutAmount,
                                                   credit: Account.merchantPayable(merchantId), owed: amount)
    }

    /// The payout this returns, reversed at its own amounts and rate.
    public init(returning payout: MerchantPaidOut, reason: String, bankReference: String, effectiveAt: Timestamp) {
        self.init(merchantId: payout.merchantId, amount: payout.amount, payoutAmount: payout.payoutAmount, rate: payout.rate,
                  settlementDate: payout.settlementDate, reason: reason, bankReference: bankReference, effectiveAt: effectiveAt)
    }

    /// The payout id (its stream id).
    public var payoutId: String { streamId }
    public var streamId: String { StreamID.payout(merchant: merchantId, currency: amount.currency, date: settlementDate) }

    public func writeFields(to writer: inout CanonicalJSONWriter) {
        writer.field("amount", amount)
        writer.field("bankReference", bankReference)
        writer.field("currency", amount.currency)
        writer.field("effectiveAt", effectiveAt)
        writer.field("merchantId", merchantId)
        writer.field("payoutAmount", payoutAmount)
        writer.field("payoutCurrency", payoutAmount.currency)
        Postings.write(postings, to: &writer)
        if let rate { writer.field("rate", rate) }
        writer.field("reason", reason)
        writer.field("settlementDate", settlementDate)
    }

    init(reading reader: inout FieldReader) throws(FieldProblem) {
        let currency = try reader.currency("currency")
        let payoutCurrency = try reader.currency("payoutCurrency")
        var rate: FxRate? = nil
        if reader.hasField("rate") { rate = try reader.rate("rate") }
        self.init(merchantId: try reader.id("merchantId"), amount: try reader.amount("amount", currency: currency, sign: .positive),
                  payoutAmount: try reader.amount("payoutAmount", currency: payoutCurrency, sign: .positive), rate: rate,
                  settlementDate: try reader.day("settlementDate"), reason: try reader.string("reason"),
                  bankReference: try reader.string("bankReference"), effectiveAt: try reader.timestamp("effectiveAt"))
        reader.derivedPostings()
    }
}
