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
