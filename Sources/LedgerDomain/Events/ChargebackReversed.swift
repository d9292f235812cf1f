import Money

/// A chargeback reversal (Visa TC 35), on `payment-{paymentId}`: undoes `ChargebackReceived`'s
/// postings (Dr scheme/visa/settlement; Cr merchant/{seller}/payable). A reversed subsidy is not
/// granted again (the programme's budget may have been spent since).
public struct ChargebackReversed: DecodableLedgerEvent {
    public static let eventType = "ChargebackReversed"
    public static let schemaVersion = 1

    public var chargebackId: String
    public var paymentId: String
    public var invoiceId: String
    public var sellerId: String
    public var amount: Amount
    public var effectiveAt: Timestamp
    public let postings: [Posting]

    public init(chargebackId: String, paymentId: String, invoiceId: String, sellerId: String, amount: Amount,
                effectiveAt: Timestamp) {
        self.chargebackId = chargebackId
        self.paymentId = paymentId
        self.invoiceId = invoiceId
        self.sellerId = sellerId
        self.amount = amount
        self.effectiveAt = effectiveAt
        var list = PostingList()
        list.debit(Account.visaSettlement, amount)
        list.credit(Account.merchantPayable(sellerId), amount)
        self.postings = list.postings
    }

    public var streamId: String { StreamID.payment(paymentId) }

    public func writeFields(to writer: inout CanonicalJSONWriter) {
        writer.field("amount", amount)
        writer.field("chargebackId", chargebackId)
        writer.field("currency", amount.currency)
        writer.field("effectiveAt", effectiveAt)
        writer.field("invoiceId", invoiceId)
        writer.field("paymentId", paymentId)
        Postings.write(postings, to: &writer)
        writer.field("sellerId", sellerId)
    }

    init(reading reader: inout FieldReader) throws(FieldProblem) {
        let currency = try reader.currency("currency")
        self.init(chargebackId: try reader.id("chargebackId"), paymentId: try reader.id("paymentId"),
                  invoiceId: try reader.id("invoiceId"), sellerId: try reader.id("sellerId"),
                  amount: try reader.amount("amount", currency: currency, sign: .positive),
                  effectiveAt: try reader.timestamp("effectiveAt"))
        reader.derivedPostings()
    }
}
