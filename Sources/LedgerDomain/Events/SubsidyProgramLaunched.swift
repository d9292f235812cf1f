import Money

public struct SubsidyProgramLaunched: DecodableLedgerEvent {
    public static let eventType = "SubsidyProgramLaunched"
    public static let schemaVersion = 1

    public var programId: String
    public var funderId: String
    public var currency: Currency
    public var budget: Amount
    public var rateBps: Int64
    public var capPerPayment: Amount
    public var minSpend: Amount
    public var buyerCountries: [String]
    public var sellerKinds: [PartyKind]?
    public var validFrom: CalendarDay
    public var validTo: CalendarDay
    public var effectiveAt: Timestamp

    public init(programId: String, funderId: String, currency: Currency, budget: Amount, rateBps: Int64,
                capPerPayment: Amount, minSpend: Amount, buyerCountries: [String], sellerKinds: [PartyKind]?,
                validFrom: CalendarDay, validTo: CalendarDay, effectiveAt: Timestamp) {
        precondition(budget.currency == currency && capPerPayment.currency == currency && minSpend.currency == currency,
                     "programme amounts must be in the programme currency")
        self.programId = programId
        self.funderId = funderId
        self.currency = currency
        self.budget = budget
        self.rateBps = rateBps
        self.capPerPayment = capPerPayment
        self.minSpend = minSpend
        self.buyerCountries = buyerCountries
        self.sellerKinds = sellerKinds
        self.validFrom = validFrom
        self.validTo = validTo
        self.effectiveAt = effectiveAt
    }

    public var postings: [Posting] { [] }
    public var streamId: String { StreamID.subsidy(programId) }

    public func writeFields(to writer: inout CanonicalJSONWriter) {
        writer.field("budget", budget)
        writer.field("buyerCountries", buyerCountries)
        writer.field("capPerPayment", capPerPayment)
        writer.field("currency", currency)
        writer.field("effectiveAt", effectiveAt)
        writer.field("funderId", funderId)
        writer.field("minSpend", minSpend)
        Postings.write(postings, to: &writer)
        writer.field("programId", programId)
        writer.field("rateBps", rateBps)
        writer.field("sellerKinds", sellerKinds?.map(\.rawValue))
        writer.field("validFrom", validFrom)
        writer.field("validTo", validTo)
    }

    init(reading reader: inout FieldReader) throws(FieldProblem) {
        let currency = try reader.currency("currency")
        var kinds: [PartyKind]? = nil
        if let texts = try reader.optionalStringArray("sellerKinds", countMax: 2) {
            var parsed: [PartyKind] = []
            for text in texts {
                guard let kind = PartyKind(rawValue: text) else { throw reader.invalid("sellerKinds", value: text, "unknown kind") }
                parsed.append(kind)
            }
            kinds = parsed
        }
        self.init(programId: try reader.id("programId"), funderId: try reader.id("funderId"), currency: currency,
                  budget: try reader.amount("budget", currency: currency, sign: .positive),
                  rateBps: try reader.int("rateBps", range: 0...10_000),
                  capPerPayment: try reader.amount("capPerPayment", currency: currency, sign: .positive),
                  minSpend: try reader.amount("minSpend", currency: currency, sign: .nonNegative),
                  buyerCountries: try reader.optionalStringArray("buyerCountries", countMax: 250) ?? [],
                  sellerKinds: kinds, validFrom: try reader.day("validFrom"), validTo: try reader.day("validTo"),
                  effectiveAt: try reader.timestamp("effectiveAt"))
        reader.derivedPostings()
    }
}
