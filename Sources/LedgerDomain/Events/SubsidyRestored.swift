import Money

/// A subsidy given back to a merchant when Visa reverses a chargeback (TC 35), on
/// `subsidy-{programId}`: the chargeback's `SubsidyReversed` is undone, as far as the budget left
/// allows (appended with the programme stream's expected version, so the budget is never
/// overspent); what the budget could not cover is forfeited (see `ChargebackReversed`). Postings
/// are those of a grant: Dr subsidy/{program}/funder-receivable; Cr merchant/{seller}/payable.
public struct SubsidyRestored: DecodableLedgerEvent {
    public static let eventType = "SubsidyRestored"
    public static let schemaVersion = 1

    public var programId: String
    public var paymentId: String
    public var sellerId: String
    public var chargebackId: String
    public var amount: Amount
    public var effectiveAt: Timestamp
    public let postings: [Posting]

    public init(programId: String, paymentId: String, sellerId: String, chargebackId: String, amount: Amount, effectiveAt: Timestamp) {
        self.programId = programId
        self.paymentId = paymentId
        self.sellerId = sellerId
        self.chargebackId = chargebackId
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
        writer.field("chargebackId", chargebackId)
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
                  chargebackId: try reader.id("chargebackId"), amount: try reader.amount("amount", currency: currency, sign: .positive),
                  effectiveAt: try reader.timestamp("effectiveAt"))
        reader.derivedPostings()
    }
}
