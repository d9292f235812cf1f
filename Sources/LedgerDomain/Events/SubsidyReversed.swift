import Money

/// A subsidy reversed in proportion to a refund or chargeback, on `subsidy-{programId}`; the
/// amount returns to the budget. Postings mirror `SubsidyGranted`: Dr merchant/{seller}/payable;
/// Cr subsidy/{program}/funder-receivable. `causeId` is the refundId or chargebackId.
public struct SubsidyReversed: DecodableLedgerEvent {
    public static let eventType = "SubsidyReversed"
    public static let schemaVersion = 1

    public var programId: String
    public var paymentId: String
    public var sellerId: String
    public var amount: Amount
    public var cause: SubsidyReversalCause
    public var causeId: String
    public var effectiveAt: Timestamp
    public let postings: [Posting]

    public init(programId: String, paymentId: String, sellerId: String, amount: Amount, cause: SubsidyReversalCause,
                causeId: String, effectiveAt: Timestamp) {
        self.programId = programId
        self.paymentId = paymentId
        self.sellerId = sellerId
        self.amount = amount
        self.cause = cause
        self.causeId = causeId
        self.effectiveAt = effectiveAt
        var list = PostingList()
        list.debit(Account.merchantPayable(sellerId), amount)
        list.credit(Account.funderReceivable(programId), amount)
        self.postings = list.postings
    }

    public var streamId: String { StreamID.subsidy(programId) }

    public func writeFields(to writer: inout CanonicalJSONWriter) {
        writer.field("amount", amount)
        writer.field("cause", cause.rawValue)
        writer.field("causeId", causeId)
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
                  cause: try reader.enumeration("cause", SubsidyReversalCause.self), causeId: try reader.id("causeId"),
                  effectiveAt: try reader.timestamp("effectiveAt"))
        reader.derivedPostings()
    }
}
