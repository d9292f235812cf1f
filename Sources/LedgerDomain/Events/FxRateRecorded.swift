import Money

public struct FxRateRecorded: DecodableLedgerEvent {
    public static let eventType = "FxRateRecorded"
    public static let schemaVersion = 1

    public var base: Currency
    public var quote: Currency
    public var rate: FxRate
    public var asOf: Timestamp
    public var source: String
    public var effectiveAt: Timestamp

    public init(base: Currency, quote: Currency, rate: FxRate, asOf: Timestamp, source: String, effectiveAt: Timestamp) {
        self.base = base
        self.quote = quote
        self.rate = rate
        self.asOf = asOf
        self.source = source
        self.effectiveAt = effectiveAt
    }

    public var postings: [Posting] { [] }
    public var streamId: String { StreamID.fxRate(base: base, quote: quote) }

    public func writeFields(to writer: inout CanonicalJSONWriter) {
        writer.field("asOf", asOf)
        writer.field("base", base)
        writer.field("effectiveAt", effectiveAt)
        Postings.write(postings, to: &writer)
        writer.field("quote", quote)
        writer.field("rate", rate)
        writer.field("source", source)
    }

    init(reading reader: inout FieldReader) throws(FieldProblem) {
        self.init(base: try reader.currency("base"), quote: try reader.currency("quote"), rate: try reader.rate("rate"),
                  asOf: try reader.timestamp("asOf"), source: try reader.string("source"),
                  effectiveAt: try reader.timestamp("effectiveAt"))
        reader.derivedPostings()
    }
}
