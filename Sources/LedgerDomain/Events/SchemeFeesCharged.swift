import Money

/// Fees from a Visa file's VSS-110 summary (reimbursement fees, Visa charges), on
/// `settlement-file-{fileId}`. Postings: Dr platform/expense/scheme-fees; Cr scheme/visa/settlement.
/// A negative amount (a fee credit) reverses the direction.
public struct SchemeFeesCharged: DecodableLedgerEvent {
    public static let eventType = "SchemeFeesCharged"
    public static let schemaVersion = 1

    public var feeId: String
    public var fileId: String
    public var amount: Amount
    public var description: String
    public var effectiveAt: Timestamp
    public let postings: [Posting]

    public init(feeId: String, fileId: String, amount: Amount, description: String, effectiveAt: Timestamp) {
        self.feeId = feeId
        self.fileId = fileId
        self.amount = amount
        self.description = description
        self.effectiveAt = effectiveAt
        var list = PostingList()
        list.debit(Account.schemeFees, amount)
        list.credit(Account.visaSettlement, amount)
        self.postings = list.postings
    }

    public var streamId: String { StreamID.settlementFile(fileId) }

    public func writeFields(to writer: inout CanonicalJSONWriter) {
        writer.field("amount", amount)
        writer.field("currency", amount.currency)
        writer.field("description", description)
        writer.field("effectiveAt", effectiveAt)
        writer.field("feeId", feeId)
        writer.field("fileId", fileId)
        Postings.write(postings, to: &writer)
    }

    init(reading reader: inout FieldReader) throws(FieldProblem) {
        let currency = try reader.currency("currency")
        self.init(feeId: try reader.id("feeId"), fileId: try reader.string("fileId"),
                  amount: try reader.amount("amount", currency: currency, sign: .any),
                  description: try reader.string("description"), effectiveAt: try reader.timestamp("effectiveAt"))
        reader.derivedPostings()
    }
}
