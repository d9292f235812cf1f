import Money

/// Account paths of the chart (DOMAIN.md "Accounts"). Balances are per path and currency.
public enum Account {
    public static func buyerReceivable(_ party: String) -> String { path("buyer/", party, "/receivable") }
    public static func merchantPending(_ party: String) -> String { path("merchant/", party, "/pending") }
    public static func merchantPayable(_ party: String) -> String { path("merchant/", party, "/payable") }
    public static let platformCommission = "platform/revenue/commission"
    public static func platformBank(_ currency: Currency) -> String { path("platform/bank/", currency.code, "") }
    public static let visaClearing = "scheme/visa/clearing"
    public static let visaSettlement = "scheme/visa/settlement"
    public static let schemeFees = "platform/expense/scheme-fees"
    public static func funderReceivable(_ program: String) -> String { path("subsidy/", program, "/funder-receivable") }
    public static let fxPosition = "fx/position"
    public static let reconSuspense = "recon/suspense"
    /// Differences the platform accepts when closing a reconciliation exception (`accept`,
    /// and the rest of an `adjust`). Not in DOMAIN.md's table; added for `ResolveException`.
    public static let reconDifferences = "platform/expense/recon-differences"
    /// Amounts written off when closing a reconciliation exception (`write-off`).
    public static let writeOffs = "platform/expense/write-offs"

    /// `prefix + part + suffix` in one allocation (decoding derives these for every event that
    /// posts; string interpolation costs several times as much).
    static func path(_ prefix: StaticString, _ part: String, _ suffix: StaticString) -> String {
        var part = part
        return part.withUTF8 { middle in
            let count = prefix.utf8CodeUnitCount + middle.count + suffix.utf8CodeUnitCount
            return String(unsafeUninitializedCapacity: count) { out in
                var at = 0
                func copy(_ run: UnsafeBufferPointer<UInt8>) {
                    at += UnsafeMutableBufferPointer(rebasing: out[at...]).initialize(fromContentsOf: run)
                }
                copy(UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount))
                copy(middle)
                copy(UnsafeBufferPointer(start: suffix.utf8Start, count: suffix.utf8CodeUnitCount))
                return at
            }
        }
    }
}
