import Money

/// Account paths of the chart (DOMAIN.md "Accounts"). Balances are per path and currency.
public enum Account {
    public static func buyerReceivable(_ party: String) -> String { "buyer/\(party)/receivable" }
    public static func merchantPending(_ party: String) -> String { "merchant/\(party)/pending" }
    public static func merchantPayable(_ party: String) -> String { "merchant/\(party)/payable" }
    public static let platformCommission = "platform/revenue/commission"
    public static func platformBank(_ currency: Currency) -> String { "platform/bank/\(currency.code)" }
    public static let visaClearing = "scheme/visa/clearing"
    public static let visaSettlement = "scheme/visa/settlement"
    public static let schemeFees = "platform/expense/scheme-fees"
    public static func funderReceivable(_ program: String) -> String { "subsidy/\(program)/funder-receivable" }
    public static let fxPosition = "fx/position"
    public static let reconSuspense = "recon/suspense"
    /// Differences the platform accepts when closing a reconciliation exception (`accept`,
    /// and the rest of an `adjust`). Not in DOMAIN.md's table; added for `ResolveException`.
    public static let reconDifferences = "platform/expense/recon-differences"
    /// Amounts written off when closing a reconciliation exception (`write-off`).
    public static let writeOffs = "platform/expense/write-offs"
}
