import Money

/// A credit note against an invoice's open amount, on `invoice-{invoiceId}`. Postings: Dr
/// merchant/{seller}/pending; Cr buyer/{buyer}/receivable.
public struct CreditNoteIssued: DecodableLedgerEvent {
    public static let eventType = "CreditNoteIssued"
    public static let schemaVersion = 1

    public var creditNoteId: String
    public var invoiceId: String
    public var sellerId: String
    public var buyerId: String
    public var amount: Amount
    public var reason: String
    public var effectiveAt: Timestamp
    public let postings: [Posting]

    public init(creditNoteId: String, invoiceId: String, sellerId: String, buyerId: String, amount: Amount, reason: String,
                effectiveAt: Timestamp) {
        self.creditNoteId = creditNoteId
        self.invoiceId = invoiceId
        self.sellerId = sellerId
        self.buyerId = buyerId
        self.amount = amount
        self.reason = reason
        self.effectiveAt = effectiveAt
        var list = PostingList()
        list.debit(Account.merchantPending(sellerId), amount)
        list.credit(Account.buyerReceivable(buyerId), amount)
        self.postings = list.postings
    }

    public var streamId: String { StreamID.invoice(invoiceId) }

    public func writeFields(to writer: inout CanonicalJSONWriter) {
        writer.field("amount", amount)
        writer.field("buyerId", buyerId)
        writer.field("creditNoteId", creditNoteId)
        writer.field("currency", amount.currency)
        writer.field("effectiveAt", effectiveAt)
        writer.field("invoiceId", invoiceId)
        Postings.write(postings, to: &writer)
        writer.field("reason", reason)
        writer.field("sellerId", sellerId)
    }

    init(reading reader: inout FieldReader) throws(FieldProblem) {
        let currency = try reader.currency("currency")
        self.init(creditNoteId: try reader.id("creditNoteId"), invoiceId: try reader.id("invoiceId"),
                  sellerId: try reader.id("sellerId"), buyerId: try reader.id("buyerId"),
                  amount: try reader.amount("amount", currency: currency, sign: .positive), reason: try reader.string("reason"),
                  effectiveAt: try reader.timestamp("effectiveAt"))
        reader.derivedPostings()
    }
}
