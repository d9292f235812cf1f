import Money

public struct PartyRegistered: DecodableLedgerEvent {
    public static let eventType = "PartyRegistered"
    public static let schemaVersion = 1

    public var partyId: String
    public var name: String
    public var kind: PartyKind
    public var roles: [PartyRole]
    public var country: String
    public var settlementCurrency: Currency?
    public var commissionBps: Int64?
    public var effectiveAt: Timestamp

    public init(partyId: String, name: String, kind: PartyKind, roles: [PartyRole], country: String,
                settlementCurrency: Currency?, commissionBps: Int64?, effectiveAt: Timestamp) {
        self.partyId = partyId
        self.name = name
        self.kind = kind
        self.roles = roles.sorted()
        self.country = country
        self.settlementCurrency = settlementCurrency
        self.commissionBps = commissionBps
        self.effectiveAt = effectiveAt
    }

    public var postings: [Posting] { [] }
    public var streamId: String { StreamID.party(partyId) }

    public func writeFields(to writer: inout CanonicalJSONWriter) {
        writer.field("commissionBps", commissionBps)
        writer.field("country", country)
        writer.field("effectiveAt", effectiveAt)
        writer.field("kind", kind.rawValue)
        writer.field("name", name)
        writer.field("partyId", partyId)
        Postings.write(postings, to: &writer)
        writer.field("roles", roles.map(\.rawValue))
        writer.field("settlementCurrency", settlementCurrency)
    }

    init(reading reader: inout FieldReader) throws(FieldProblem) {
        let roles = try reader.optionalStringArray("roles", countMax: 3) ?? []
        var parsed: [PartyRole] = []
        for text in roles {
            guard let role = PartyRole(rawValue: text) else { throw reader.invalid("roles", value: text, "unknown role") }
            parsed.append(role)
        }
        self.init(partyId: try reader.id("partyId"), name: try reader.string("name"),
                  kind: try reader.enumeration("kind", PartyKind.self), roles: parsed,
                  country: try reader.string("country"), settlementCurrency: try reader.optionalCurrency("settlementCurrency"),
                  commissionBps: try reader.optionalInt("commissionBps", range: 0...10_000),
                  effectiveAt: try reader.timestamp("effectiveAt"))
        reader.derivedPostings()
    }
}
