import Money

/// A bound card: the token's HMAC (`tokenRef`), never the token or PAN.
public struct CardBound: DecodableLedgerEvent {
    public static let eventType = "CardBound"
    public static let schemaVersion = 1

    public var bindingId: String
    public var partyId: String
    public var tokenRef: String
    public var panLast4: String
    public var expiry: CardExpiry
    public var tokenRequestorId: String?
    public var effectiveAt: Timestamp

    public init(bindingId: String, partyId: String, tokenRef: String, panLast4: String, expiry: CardExpiry,
                tokenRequestorId: String?, effectiveAt: Timestamp) {
        self.bindingId = bindingId
        self.partyId = partyId
        self.tokenRef = tokenRef
        self.panLast4 = panLast4
        self.expiry = expiry
        self.tokenRequestorId = tokenRequestorId
        self.effectiveAt = effectiveAt
    }

    public var postings: [Posting] { [] }
    public var streamId: String { StreamID.card(bindingId) }

    public func writeFields(to writer: inout CanonicalJSONWriter) {
        writer.field("bindingId", bindingId)
        writer.field("effectiveAt", effectiveAt)
        writer.field("expiry", expiry.text)
        writer.field("panLast4", panLast4)
        writer.field("partyId", partyId)
        Postings.write(postings, to: &writer)
        writer.field("tokenRef", tokenRef)
        writer.field("tokenRequestorId", tokenRequestorId)
    }

    init(reading reader: inout FieldReader) throws(FieldProblem) {
        let expiryText = try reader.string("expiry")
        guard let expiry = CardExpiry(text: expiryText) else { throw reader.invalid("expiry", value: expiryText, "not MM/YY") }
        self.init(bindingId: try reader.id("bindingId"), partyId: try reader.id("partyId"),
                  tokenRef: try reader.string("tokenRef"), panLast4: try reader.string("panLast4"), expiry: expiry,
                  tokenRequestorId: try reader.optionalString("tokenRequestorId"),
                  effectiveAt: try reader.timestamp("effectiveAt"))
        reader.derivedPostings()
    }
}
