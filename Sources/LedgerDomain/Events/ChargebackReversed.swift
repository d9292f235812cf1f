import Money

/// A chargeback reversal (Visa TC 35), on `payment-{paymentId}`: undoes `ChargebackReceived`'s
/// postings (Dr scheme/visa/settlement; Cr merchant/{seller}/payable) and, when the chargeback
/// reversed a subsidy, restores it as far as the programme's budget left allows:
/// `subsidyRestored` repeats the `SubsidyRestored` appended to the programme's stream (nil: none,
/// because there was no subsidy or nothing is left of the budget). What the chargeback reversed
/// beyond that is forfeited: the payment's subsidy stays smaller by it for good (later refunds
/// reverse in proportion to what is left of it). v2 is current; v1 had no `subsidyRestored`
/// (nothing was ever restored, see `ChargebackReversedV1`).
public struct ChargebackReversed: DecodableLedgerEvent {
    public static let eventType = "ChargebackReversed"
    public static let schemaVersion = 2

    public var chargebackId: String
    public var paymentId: String
    public var invoiceId: String
    public var sellerId: String
    public var amount: Amount
    public var subsidyRestored: Amount?
    public var effectiveAt: Timestamp
    public let postings: [Posting]

    public init(chargebackId: String, paymentId: String, invoiceId: String, sellerId: String, amount: Amount,
                subsidyRestored: Amount?, effectiveAt: Timestamp) {
        self.chargebackId = chargebackId
        self.paymentId = paymentId
        self.invoiceId = invoiceId
        self.sellerId = sellerId
        self.amount = amount
        self.subsidyRestored = subsidyRestored
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
        writer.field("subsidyRestored", subsidyRestored)
    }

    init(reading reader: inout FieldReader) throws(FieldProblem) {
        let currency = try reader.currency("currency")
        self.init(chargebackId: try reader.id("chargebackId"), paymentId: try reader.id("paymentId"),
                  invoiceId: try reader.id("invoiceId"), sellerId: try reader.id("sellerId"),
                  amount: try reader.amount("amount", currency: currency, sign: .positive),
                  subsidyRestored: try reader.optionalAmount("subsidyRestored", currency: currency, sign: .positive),
                  effectiveAt: try reader.timestamp("effectiveAt"))
        reader.derivedPostings()
    }
}
