import Money

/// Launches a merchant subsidy programme funded by a funder party (DOMAIN.md "Subsidy programme").
public struct LaunchSubsidyProgram: Sendable, Hashable {
    public static let typeName = "LaunchSubsidyProgram"
    public static let buyerCountriesMax = 250

    public var programId: String
    public var funderId: String
    public var currency: Currency
    public var budget: Amount
    public var rateBps: Int64
    public var capPerPayment: Amount
    public var minSpend: Amount
    /// Sorted, without duplicates.
    public var buyerCountries: [String]
    /// nil: all seller kinds are eligible. Sorted, without duplicates.
    public var sellerKinds: [PartyKind]?
    public var validFrom: CalendarDay
    public var validTo: CalendarDay

    public init(programId: String, funderId: String, currency: Currency, budget: Amount, rateBps: Int64,
                capPerPayment: Amount, minSpend: Amount, buyerCountries: [String], sellerKinds: [PartyKind]? = nil,
                validFrom: CalendarDay, validTo: CalendarDay) {
        self.programId = programId
        self.funderId = funderId
        self.currency = currency
        self.budget = budget
        self.rateBps = rateBps
        self.capPerPayment = capPerPayment
        self.minSpend = minSpend
        self.buyerCountries = Array(Set(buyerCountries)).sorted()
        self.sellerKinds = sellerKinds.map { Array(Set($0)).sorted { $0.rawValue < $1.rawValue } }
        self.validFrom = validFrom
        self.validTo = validTo
    }

    init(from reader: inout FieldReader) throws(FieldProblem) {
        programId = try reader.id("programId")
        funderId = try reader.id("funderId")
        currency = try reader.currency("currency")
        budget = try reader.amount("budget", currency: currency, sign: .positive)
        rateBps = try reader.int("rateBps", range: 0...RegisterParty.basisPointsMax)
        capPerPayment = try reader.amount("capPerPayment", currency: currency, sign: .positive)
        minSpend = try reader.amount("minSpend", currency: currency, sign: .nonNegative)
        guard let countries = try reader.optionalStringArray("buyerCountries", countMax: LaunchSubsidyProgram.buyerCountriesMax) else {
            throw reader.missing("buyerCountries")
        }
        guard !countries.isEmpty else { throw reader.invalid("buyerCountries", "must name at least one country") }
        for country in countries where !Identifier.isCountryCode(country) {
            throw reader.invalid("buyerCountries", value: country, "must be ISO 3166 alpha-2 codes such as \"HK\"")
        }
        buyerCountries = Array(Set(countries)).sorted()
        if let kinds = try reader.optionalStringArray("sellerKinds", countMax: PartyKind.allCases.count) {
            var parsed: [PartyKind] = []
            for text in kinds {
                guard let kind = PartyKind(rawValue: text) else {
                    throw reader.invalid("sellerKinds", value: text, "a seller kind is \"enterprise\" or \"smb\"")
                }
                if !parsed.contains(kind) { parsed.append(kind) }
            }
            guard !parsed.isEmpty else { throw reader.invalid("sellerKinds", "must name a kind, or be left out for all kinds") }
            sellerKinds = parsed.sorted { $0.rawValue < $1.rawValue }
        } else {
            sellerKinds = nil
        }
        validFrom = try reader.day("validFrom")
        validTo = try reader.day("validTo")
        guard validFrom <= validTo else {
            throw reader.invalid("validTo", value: validTo.text, "must not be before validFrom \(validFrom.text)")
        }
    }

    func addMembers(to builder: inout JSONObjectBuilder) {
        builder.add("programId", programId)
        builder.add("funderId", funderId)
        builder.add("currency", currency)
        builder.add("budget", budget)
        builder.add("rateBps", rateBps)
        builder.add("capPerPayment", capPerPayment)
        builder.add("minSpend", minSpend)
        builder.add("buyerCountries", buyerCountries)
        if let sellerKinds { builder.add("sellerKinds", sellerKinds.map(\.rawValue)) }
        builder.add("validFrom", validFrom)
        builder.add("validTo", validTo)
    }
}
