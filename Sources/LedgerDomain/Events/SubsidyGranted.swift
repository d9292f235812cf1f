import Money

/// A subsidy granted to a merchant on a card payment, on `subsidy-{programId}` (appended with
/// the programme stream's expected version, so the budget is never overspent). Postings: Dr
/// subsidy/{program}/funder-receivable; Cr merchant/{seller}/payable.
public struct SubsidyGranted: DecodableLedgerEvent {
    public static let eventType = "SubsidyGranted"
    public static let schemaVersion = 1

    public var programId: String
    public var paymentId: String
    public var sellerId: String
    public var amount: Amount
    public var effectiveAt: Timestamp
    public let postings: [Posting]

    public init(programId: String, paymentId: String, sellerId: String, amount: Amount, effectiveAt: Timestamp) {
        self.programId = programId
        self.paymentId = paymentId
        self.sellerId = sellerId
        self.amount = amount
        self.effectiveAt = effectiveAt
        var list = PostingList()
        list.debit(Account.funderReceivable(programId), amount)
        list.credit(Account.merchantPayable(sellerId), amount)
        self.postings = list.postings
    }

    public var streamId: String { StreamID.subsidy(programId) }

    public func writeFields(to writer: inout CanonicalJSONWriter) {
        writer.field("amount", amount)
        writer.field("currency", amount.currency)
        writer.field("effectiveAt", effectiveAt)
        writer.field("paymentId", paymentId)
        Postings.write(postings, to: &writer)
        writer.field("programId", programId)
        writer.field("sellerId", sellerId)
    }

    init(reading reader: inout FieldReader) throws(FieldProblem) {
        let currency = try reader.currency("currency")
        self.init(programId: try reader.id("programId"), paymentId: try reader.id("paymentId"), sellerId: try reader.id("sellerId"),
                  amount: try reader.amount("amount", currency: currency, sign: .positive),
                  effectiveAt: try reader.timestamp("effectiveAt"))
        reader.derivedPostings()
    }
}
