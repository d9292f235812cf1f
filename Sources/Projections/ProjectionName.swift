/// The read models built from the log. Each has its own checkpoint and live generation.
public enum ProjectionName: String, CaseIterable, Sendable, Comparable {
    case balances
    case invoices
    case subsidies

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    /// The registry: the type that folds, writes, fingerprints and checks each projection. A new
    /// projection is a folder with its `Projection` type and queries, a case above and a line here.
    var model: any Projection.Type {
        switch self {
        case .balances: BalancesProjection.self
        case .invoices: InvoicesProjection.self
        case .subsidies: SubsidiesProjection.self
        }
    }
}
