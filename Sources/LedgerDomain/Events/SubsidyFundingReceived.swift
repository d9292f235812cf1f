import Money

/// Subsidy funding reported in a Visa file (TC 20, reason 5300), on `subsidy-{programId}`.
/// Postings: Dr scheme/visa/settlement destination amount; Cr subsidy/{program}/funder-receivable
/// source amount; across currencies through fx/position so each currency balances; in one
/// currency with different amounts, the difference goes to recon/suspense.
public struct SubsidyFundingReceived: DecodableLedgerEvent {
    public static let eventType = "SubsidyFundingReceived"
    public static let schemaVersion = 1

    public var programId: String
    public var fileId: String
    public var sourceAmount: Amount
    public var destinationAmount: Amount
    public var effectiveAt: Timestamp
    public let postings: [Posting]

    public init(programId: String, fileId: String, sourceAmount: Amount, destinationAmount: Amount, effectiveAt: Timestamp) {
        self.programId = programId
        self.fileId = fileId
        self.sourceAmount = sourceAmount
        self.destinationAmount = destinationAmount
        self.effectiveAt = effectiveAt
        self.postings = PostingRules.crossCurrency(debit: Account.visaSettlement, received: destinationAmount,
                                                   credit: Account.funderReceivable(programId), owed: sourceAmount)
    }

    public var streamId: String { StreamID.subsidy(programId) }

    public func writeFields(to writer: inout CanonicalJSONWriter) {
        writer.field("destinationAmount", destinationAmount)
        writer.field("destinationCurrency", destinationAmount.currency)
        writer.field("effectiveAt", effectiveAt)
        writer.field("fileId", fileId)
        Postings.write(postings, to: &writer)
        writer.field("programId", programId)
        writer.field("sourceAmount", sourceAmount)
        writer.field("sourceCurrency", sourceAmount.currency)
    }

    init(reading reader: inout FieldReader) throws(FieldProblem) {
        let source = try reader.currency("sourceCurrency")
        let destination = try reader.currency("destinationCurrency")
        self.init(programId: try reader.id("programId"), fileId: try reader.string("fileId"),
                  sourceAmount: try reader.amount("sourceAmount", currency: source, sign: .any),
                  destinationAmount: try reader.amount("destinationAmount", currency: destination, sign: .any),
                  effectiveAt: try reader.timestamp("effectiveAt"))
        reader.derivedPostings()
    }
}
