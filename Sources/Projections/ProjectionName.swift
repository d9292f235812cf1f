/// The read models built from the log. Each has its own checkpoint and live generation.
public enum ProjectionName: String, CaseIterable, Sendable, Comparable {
    case balances
    case invoices
    case subsidies

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
