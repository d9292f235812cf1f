import Money

/// A chargeback (Visa TC 15) for a known payment, on `payment-{paymentId}`. Postings: Dr
/// merchant/{seller}/payable amount; Cr scheme/visa/settlement amount (Visa nets it from the
/// settlement). `subsidyReversed` repeats the `SubsidyReversed` booked alongside (no postings).
public struct ChargebackReceived: DecodableLedgerEvent {
    public static let eventType = "ChargebackReceived"
    public static let schemaVersion = 1

    public var chargebackId: String
    public var paymentId: String
    public var invoiceId: String
    public var sellerId: String
    public var amount: Amount
    public var arn: String?
    public var reasonCode: String?
    public var subsidyReversed: Amount?
    public var effectiveAt: Timestamp
    public let postings: [Posting]

    public init(chargebackId: String, paymentId: String, invoiceId: String, sellerId: String, amount: Amount, arn: String?,
                reasonCode: String?, subsidyReversed: Amount?, effectiveAt: Timestamp) {
        self.chargebackId = chargebackId
        self.paymentId = paymentId
        self.invoiceId = invoiceId
        self.sellerId = sellerId
        self.amount = amount
        self.arn = arn
        self.reasonCode = reasonCode
        self.subsidyReversed = subsidyReversed
        self.effectiveAt = effectiveAt
        var list = PostingList()
        list.debit(Account.merchantPayable(sellerId), amount)
        list.credit(Account.visaSettlement, amount)
        self.postings = list.postings
    }

    public var streamId: String { StreamID.payment(paymentId) }

    public func writeFields(to writer: inout CanonicalJSONWriter) {
        writer.field("amount", amount)
        writer.field("arn", arn)
        writer.field("chargebackId", chargebackId)
        writer.field("currency", amount.currency)
        writer.field("effectiveAt", effectiveAt)
        writer.field("invoiceId", invoiceId)
        writer.field("paymentId", paymentId)
        Postings.write(postings, to: &writer)
        writer.field("reasonCode", reasonCode)
        writer.field("sellerId", sellerId)
        writer.field("subsidyReversed", subsidyReversed)
    }

    init(reading reader: inout FieldReader) throws(FieldProblem) {
        let currency = try reader.currency("currency")
        self.init(chargebackId: try reader.id("chargebackId"), paymentId: try reader.id("paymentId"),
                  invoiceId: try reader.id("invoiceId"), sellerId: try reader.id("sellerId"),
                  amount: try reader.amount("amount", currency: currency, sign: .positive), arn: try reader.optionalString("arn"),
                  reasonCode: try reader.optionalString("reasonCode"),
                  subsidyReversed: try reader.optionalAmount("subsidyReversed", currency: currency, sign: .positive),
                  effectiveAt: try reader.timestamp("effectiveAt"))
        reader.derivedPostings()
    }
}
