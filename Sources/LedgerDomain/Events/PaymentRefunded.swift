import Money

/// A (partial) refund of a card payment, on `payment-{paymentId}`. Postings: Dr
/// merchant/{seller}/payable amount; Cr scheme/visa/clearing amount (the commission is kept).
/// `subsidyReversed` repeats the `SubsidyReversed` booked on the programme's stream (no postings).
public struct PaymentRefunded: DecodableLedgerEvent {
    public static let eventType = "PaymentRefunded"
    public static let schemaVersion = 1

    public var refundId: String
    public var paymentId: String
    public var invoiceId: String
    public var sellerId: String
    public var amount: Amount
    public var arn: String
    public var subsidyReversed: Amount?
    public var effectiveAt: Timestamp
    public let postings: [Posting]

    public init(refundId: String, paymentId: String, invoiceId: String, sellerId: String, amount: Amount, arn: String,
                subsidyReversed: Amount?, effectiveAt: Timestamp) {
        self.refundId = refundId
        self.paymentId = paymentId
        self.invoiceId = invoiceId
        self.sellerId = sellerId
        self.amount = amount
        self.arn = arn
        self.subsidyReversed = subsidyReversed
        self.effectiveAt = effectiveAt
        var list = PostingList()
        list.debit(Account.merchantPayable(sellerId), amount)
        list.credit(Account.visaClearing, amount)
        self.postings = list.postings
    }

    public var streamId: String { StreamID.payment(paymentId) }

    public func writeFields(to writer: inout CanonicalJSONWriter) {
        writer.field("amount", amount)
        writer.field("arn", arn)
        writer.field("currency", amount.currency)
        writer.field("effectiveAt", effectiveAt)
        writer.field("invoiceId", invoiceId)
        writer.field("paymentId", paymentId)
        Postings.write(postings, to: &writer)
        writer.field("refundId", refundId)
        writer.field("sellerId", sellerId)
        writer.field("subsidyReversed", subsidyReversed)
    }

    init(reading reader: inout FieldReader) throws(FieldProblem) {
        let currency = try reader.currency("currency")
        self.init(refundId: try reader.id("refundId"), paymentId: try reader.id("paymentId"), invoiceId: try reader.id("invoiceId"),
                  sellerId: try reader.id("sellerId"), amount: try reader.amount("amount", currency: currency, sign: .positive),
                  arn: try reader.string("arn"),
                  subsidyReversed: try reader.optionalAmount("subsidyReversed", currency: currency, sign: .positive),
                  effectiveAt: try reader.timestamp("effectiveAt"))
        reader.derivedPostings()
    }
}
