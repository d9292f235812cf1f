import Money

/// The ledger is closed through `through` (a UTC date), on `ledger-periods`: afterwards no
/// submitted command may carry business time on or before the end of that day (23:59:59.999999
/// UTC). Appended by `tradeledger period close` (and settlement, for its date) with the period
/// stream's expected version; dates only increase along the stream. Every submitted command
/// expects the period stream's version it was decided against (a guard), so a period closed by
/// another writer during a running submit is respected. No postings.
public struct PeriodClosed: DecodableLedgerEvent {
    public static let eventType = "PeriodClosed"
    public static let schemaVersion = 1

    public var through: CalendarDay
    public var effectiveAt: Timestamp

    public init(through: CalendarDay, effectiveAt: Timestamp) {
        self.through = through
        self.effectiveAt = effectiveAt
    }

    public var postings: [Posting] { [] }
    public var streamId: String { StreamID.periods }

    public func writeFields(to writer: inout CanonicalJSONWriter) {
        writer.field("effectiveAt", effectiveAt)
        Postings.write(postings, to: &writer)
        writer.field("through", through)
    }

    init(reading reader: inout FieldReader) throws(FieldProblem) {
        self.init(through: try reader.day("through"), effectiveAt: try reader.timestamp("effectiveAt"))
        reader.derivedPostings()
    }
}
