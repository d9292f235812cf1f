import Money

/// Registers a buyer, seller and/or funder. Sellers must give `settlementCurrency` and
/// `commissionBps`; other parties must not.
public struct RegisterParty: Sendable, Hashable {
    public static let typeName = "RegisterParty"
    public static let nameBytesMax = 200
    public static let basisPointsMax: Int64 = 10_000

    public var partyId: String
    public var name: String
    public var kind: PartyKind
    /// Sorted, without duplicates.
    public var roles: [PartyRole]
    public var country: String
    public var settlementCurrency: Currency?
    public var commissionBps: Int64?

    public init(partyId: String, name: String, kind: PartyKind, roles: [PartyRole], country: String,
                settlementCurrency: Currency? = nil, commissionBps: Int64? = nil) {
        self.partyId = partyId
        self.name = name
        self.kind = kind
        self.roles = Array(Set(roles)).sorted()
        self.country = country
        self.settlementCurrency = settlementCurrency
        self.commissionBps = commissionBps
    }

    init(from reader: inout FieldReader) throws(FieldProblem) {
        partyId = try reader.id("partyId")
        name = try reader.freeText("name", bytesMax: RegisterParty.nameBytesMax)
        kind = try reader.enumeration("kind", PartyKind.self)
        guard let roleTexts = try reader.optionalStringArray("roles", countMax: PartyRole.allCases.count) else {
            throw reader.missing("roles")
        }
        var roles: [PartyRole] = []
        for text in roleTexts {
            guard let role = PartyRole(rawValue: text) else {
                throw reader.invalid("roles", value: text, "a role is \"buyer\", \"seller\" or \"funder\"")
            }
            guard !roles.contains(role) else { throw reader.invalid("roles", value: text, "is listed twice") }
            roles.append(role)
        }
        guard !roles.isEmpty else { throw reader.invalid("roles", "must name at least one role") }
        self.roles = roles.sorted()
        country = try reader.string("country")
        guard Identifier.isCountryCode(country) else {
            throw reader.invalid("country", value: country, "must be an ISO 3166 alpha-2 code such as \"HK\"")
        }
        settlementCurrency = try reader.optionalCurrency("settlementCurrency")
        commissionBps = try reader.optionalInt("commissionBps", range: 0...RegisterParty.basisPointsMax)
        if self.roles.contains(.seller) {
            guard settlementCurrency != nil else {
                throw FieldProblem(code: CommandRejection.missingField, field: "settlementCurrency",
                                   message: "RegisterParty.settlementCurrency is missing (a seller needs one)")
            }
            guard commissionBps != nil else {
                throw FieldProblem(code: CommandRejection.missingField, field: "commissionBps",
                                   message: "RegisterParty.commissionBps is missing (a seller needs one)")
            }
        } else {
            if settlementCurrency != nil { throw reader.invalid("settlementCurrency", "only a seller has a settlement currency") }
            if commissionBps != nil { throw reader.invalid("commissionBps", "only a seller has a commission rate") }
        }
    }

    func addMembers(to builder: inout JSONObjectBuilder) {
        builder.add("partyId", partyId)
        builder.add("name", name)
        builder.add("kind", kind.rawValue)
        builder.add("roles", roles.map(\.rawValue))
        builder.add("country", country)
        builder.add("settlementCurrency", settlementCurrency)
        builder.add("commissionBps", commissionBps)
    }
}
