/// What kind of business a party is (DOMAIN.md "Parties and cards").
public enum PartyKind: String, Sendable, Hashable, CaseIterable {
    case enterprise
    case smb
}
