import Money

/// An operator releases a merchant's held payouts (`ReleasePayouts`), on `payouthold-{merchant}`:
/// the next settlement pays it again, earlier held amounts included. No postings.
public struct PayoutsReleased: DecodableLedgerEvent {
    public static let eventType = "PayoutsReleased"
    public static let schemaVersion = 1

    public var merchantId: String
    public var reason: String
    public var effectiveAt: Timestamp

    public init(merchantId: String, reason: String, effectiveAt: Timestamp) {
        self.merchantId = merchantId
        self.reason = reason
        self.effectiveAt = effectiveAt
    }

    public var postings: [Posting] { [] }
    public var streamId: String { StreamID.payoutHold(merchantId) }

    public func writeFields(to writer: inout CanonicalJSONWriter) {
        writer.field("effectiveAt", effectiveAt)
        writer.field("merchantId", merchantId)
        Postings.write(postings, to: &writer)
        writer.field("reason", reason)
    }

    init(reading reader: inout FieldReader) throws(FieldProblem) {
        self.init(merchantId: try reader.id("merchantId"), reason: try reader.string("reason"),
                  effectiveAt: try reader.timestamp("effectiveAt"))
        reader.derivedPostings()
    }
}
