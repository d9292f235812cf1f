/// Why a subsidy was reversed.
public enum SubsidyReversalCause: String, Sendable, Hashable, CaseIterable {
    case refund
    case chargeback
}
