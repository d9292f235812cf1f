import Money

/// A bank transfer received, on `payment-{paymentId}`. Postings as a capture, with
/// platform/bank/{ccy} in place of scheme/visa/clearing.
public struct PaymentReceived: DecodableLedgerEvent {
    public static let eventType = "PaymentReceived"
    public static let schemaVersion = 1

    public var paymentId: String
    public var invoiceId: String
    public var buyerId: String
    public var sellerId: String
    public var amount: Amount
    public var commission: Amount
    public var bankReference: String
    public var effectiveAt: Timestamp
    public let postings: [Posting]

    public init(paymentId: String, invoiceId: String, buyerId: String, sellerId: String, amount: Amount, commission: Amount,
                bankReference: String, effectiveAt: Timestamp) {
        self.paymentId = paymentId
        self.invoiceId = invoiceId
        self.buyerId = buyerId
        self.sellerId = sellerId
        self.amount = amount
        self.commission = commission
        self.bankReference = bankReference
        self.effectiveAt = effectiveAt
        self.postings = PostingRules.collection(cashAccount: Account.platformBank(amount.currency), buyerId: buyerId,
                                                sellerId: sellerId, amount: amount, commission: commission)
    }

    public var streamId: String { StreamID.payment(paymentId) }

    public func writeFields(to writer: inout CanonicalJSONWriter) {
        writer.field("amount", amount)
        writer.field("bankReference", bankReference)
        writer.field("buyerId", buyerId)
        writer.field("commission", commission)
        writer.field("currency", amount.currency)
        writer.field("effectiveAt", effectiveAt)
        writer.field("invoiceId", invoiceId)
        writer.field("paymentId", paymentId)
        Postings.write(postings, to: &writer)
        writer.field("sellerId", sellerId)
    }

    init(reading reader: inout FieldReader) throws(FieldProblem) {
        let currency = try reader.currency("currency")
        self.init(paymentId: try reader.id("paymentId"), invoiceId: try reader.id("invoiceId"), buyerId: try reader.id("buyerId"),
                  sellerId: try reader.id("sellerId"), amount: try reader.amount("amount", currency: currency, sign: .positive),
                  commission: try reader.amount("commission", currency: currency, sign: .nonNegative),
                  bankReference: try reader.string("bankReference"), effectiveAt: try reader.timestamp("effectiveAt"))
        reader.derivedPostings()
    }
}
