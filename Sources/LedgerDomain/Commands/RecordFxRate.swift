import Money

/// Records an FX rate: `rate` units of `quote` per unit of `base`, as of `asOf`.
public struct RecordFxRate: Sendable, Hashable {
    public static let typeName = "RecordFxRate"
    public static let sourceBytesMax = 100

    public var base: Currency
    public var quote: Currency
    public var rate: FxRate
    public var asOf: Timestamp
    public var source: String

    public init(base: Currency, quote: Currency, rate: FxRate, asOf: Timestamp, source: String) {
        self.base = base
        self.quote = quote
        self.rate = rate
        self.asOf = asOf
        self.source = source
    }

    init(from reader: inout FieldReader) throws(FieldProblem) {
        base = try reader.currency("base")
        quote = try reader.currency("quote")
        guard base != quote else { throw reader.invalid("quote", value: quote.code, "must differ from base") }
        rate = try reader.rate("rate")
        asOf = try reader.timestamp("asOf")
        source = try reader.freeText("source", bytesMax: RecordFxRate.sourceBytesMax)
    }

    func addMembers(to builder: inout JSONObjectBuilder) {
        builder.add("base", base)
        builder.add("quote", quote)
        builder.add("rate", rate.decimalString)
        builder.add("asOf", asOf)
        builder.add("source", source)
    }
}
