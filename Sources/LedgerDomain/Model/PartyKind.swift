/// What kind of business a party is (DOMAIN.md "Parties and cards").
public enum PartyKind: String, Sendable, Hashable, CaseIterable {
    case enterprise
    case smb
}

/// What a party does on the platform. Funders (Visa, the platform) pay subsidy programmes.
public enum PartyRole: String, Sendable, Hashable, CaseIterable, Comparable {
    case buyer
    case seller
    case funder

    public static func < (lhs: PartyRole, rhs: PartyRole) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// How a payment reached the platform.
public enum PaymentMethod: String, Sendable, Hashable {
    case card
    case bankTransfer = "bank_transfer"
}

/// How a reconciliation exception is closed: by an operator (`accept`, `write-off`, `adjust`
/// through `ResolveException`; `manual_match` through `tradeledger match`) or by reconciliation
/// (`late_presentment`). `ResolveException` refuses the last two.
public enum ExceptionResolution: String, Sendable, Hashable, CaseIterable {
    case accept
    case writeOff = "write-off"
    case adjust
    case manualMatch = "manual_match"
    case latePresentment = "late_presentment"

    /// The resolutions `ResolveException` takes.
    public var isOperatorResolution: Bool { self == .accept || self == .writeOff || self == .adjust }
}
