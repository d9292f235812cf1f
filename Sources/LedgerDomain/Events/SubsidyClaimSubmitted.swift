import Money

/// Settlement's claim of net subsidies from the funder, on `subsidy-{programId}`. No postings.
public struct SubsidyClaimSubmitted: DecodableLedgerEvent {
    public static let eventType = "SubsidyClaimSubmitted"
    public static let schemaVersion = 1

    public var claimId: String
    public var programId: String
    public var funderId: String
    public var amount: Amount
    public var settlementDate: CalendarDay
    public var effectiveAt: Timestamp

    public init(claimId: String, programId: String, funderId: String, amount: Amount, settlementDate: CalendarDay,
                effectiveAt: Timestamp) {
        self.claimId = claimId
        self.programId = programId
        self.funderId = funderId
        self.amount = amount
        self.settlementDate = settlementDate
        self.effectiveAt = effectiveAt
    }

    public var postings: [Posting] { [] }
    public var streamId: String { StreamID.subsidy(programId) }

    public func writeFields(to writer: inout CanonicalJSONWriter) {
        writer.field("amount", amount)
        writer.field("claimId", claimId)
        writer.field("currency", amount.currency)
        writer.field("effectiveAt", effectiveAt)
        writer.field("funderId", funderId)
        Postings.write(postings, to: &writer)
        writer.field("programId", programId)
        writer.field("settlementDate", settlementDate)
    }

    init(reading reader: inout FieldReader) throws(FieldProblem) {
        let currency = try reader.currency("currency")
        self.init(claimId: try reader.id("claimId"), programId: try reader.id("programId"), funderId: try reader.id("funderId"),
                  amount: try reader.amount("amount", currency: currency, sign: .any),
                  settlementDate: try reader.day("settlementDate"), effectiveAt: try reader.timestamp("effectiveAt"))
        reader.derivedPostings()
    }
}
