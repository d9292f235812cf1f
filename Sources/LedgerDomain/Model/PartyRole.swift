/// What a party does on the platform. Funders (Visa, the platform) pay subsidy programmes.
public enum PartyRole: String, Sendable, Hashable, CaseIterable, Comparable {
    case buyer
    case seller
    case funder

    public static func < (lhs: PartyRole, rhs: PartyRole) -> Bool { lhs.rawValue < rhs.rawValue }
}
