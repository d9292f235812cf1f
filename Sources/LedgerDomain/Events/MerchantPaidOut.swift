import Money

/// A batch payout of what a merchant's payable account owes in one currency as of a settlement
/// date, on `payout-{merchant}-{ccy}-{date}`. Same currency: Dr merchant/{m}/payable; Cr
/// platform/bank/{ccy}. Across currencies: Dr payable (C1) / Cr fx/position (C1); Dr fx/position
/// (C2) / Cr platform/bank/{C2}. `rate` is the FX rate used (nil in one currency).
public struct MerchantPaidOut: DecodableLedgerEvent {
    public static let eventType = "MerchantPaidOut"
    public static let schemaVersion = 1

    public var merchantId: String
    public var amount: Amount
    public var payoutAmount: Amount
    public var rate: FxRate?
    public var settlementDate: CalendarDay
    public var effectiveAt: Timestamp
    public let postings: [Posting]

    public init(merchantId: String, amount: Amount, payoutAmount: Amount, rate: FxRate?, settlementDate: CalendarDay,
                effectiveAt: Timestamp) {
        precondition(amount.currency != payoutAmount.currency || amount == payoutAmount,
                     "a payout in the same currency pays the amount itself")
        self.merchantId = merchantId
        self.amount = amount
        self.payoutAmount = payoutAmount
        self.rate = rate
        self.settlementDate = settlementDate
        self.effectiveAt = effectiveAt
        self.postings = PostingRules.crossCurrency(debit: Account.merchantPayable(merchantId), received: amount,
                                                   credit: Account.platformBank(payoutAmount.currency), owed: payoutAmount)
    }

    public var streamId: String { StreamID.payout(merchant: merchantId, currency: amount.currency, date: settlementDate) }

    public func writeFields(to writer: inout CanonicalJSONWriter) {
        writer.field("amount", amount)
        writer.field("currency", amount.currency)
        writer.field("effectiveAt", effectiveAt)
        writer.field("merchantId", merchantId)
        writer.field("payoutAmount", payoutAmount)
        writer.field("payoutCurrency", payoutAmount.currency)
        Postings.write(postings, to: &writer)
        if let rate { writer.field("rate", rate) }
        writer.field("settlementDate", settlementDate)
    }

    init(reading reader: inout FieldReader) throws(FieldProblem) {
        let currency = try reader.currency("currency")
        let payoutCurrency = try reader.currency("payoutCurrency")
        var rate: FxRate? = nil
        if reader.hasField("rate") { rate = try reader.rate("rate") }
        let amount = try reader.amount("amount", currency: currency, sign: .positive)
        let payoutAmount = try reader.amount("payoutAmount", currency: payoutCurrency, sign: .positive)
        // A stored body that breaks the same-currency rule is refused, not trapped on.
        guard currency != payoutCurrency || amount == payoutAmount else {
            throw reader.invalid("payoutAmount", value: payoutAmount.decimalString,
                                 "differs from amount \(amount.decimalString) in the same currency \(currency)")
        }
        self.init(merchantId: try reader.id("merchantId"), amount: amount, payoutAmount: payoutAmount, rate: rate,
                  settlementDate: try reader.day("settlementDate"), effectiveAt: try reader.timestamp("effectiveAt"))
        reader.derivedPostings()
    }
}
