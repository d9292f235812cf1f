import Crypto
import LedgerDomain
import Money

/// What settling one date pays and claims: computed from the log as of the end of that date
/// (`SettlementPlanner`), printed by `settle --dry-run`, applied by `SettlementApplier`.
///
/// The plan covers the whole date, including payouts and claims an earlier (perhaps killed) run
/// of the same date already appended (`alreadyApplied`): a rerun plans the same thing, so its
/// manifest hash is stable and it appends only what is missing.
public struct SettlementPlan: Sendable, Equatable {
    public var settlementDate: CalendarDay
    /// Sorted by payable account (bytewise), then currency.
    public var payouts: [PlannedPayout]
    /// Sorted by payable account (bytewise), then currency.
    public var skipped: [SkippedPayout]
    /// Sorted by programme id (bytewise).
    public var claims: [PlannedClaim]

    public init(settlementDate: CalendarDay, payouts: [PlannedPayout], skipped: [SkippedPayout], claims: [PlannedClaim]) {
        self.settlementDate = settlementDate
        self.payouts = payouts
        self.skipped = skipped
        self.claims = claims
    }

    /// One line per payout, skip and claim, in plan order, after a header naming the date and
    /// the format: what the manifest hash covers (never whether something was already applied).
    public var manifestLines: [String] {
        var lines = ["tradeledger-settlement-plan v1 \(settlementDate.text)"]
        for p in payouts {
            lines.append("payout \(p.merchantId) \(p.amount.currency.code) \(p.amount.decimalString) \(p.payoutAmount.currency.code) \(p.payoutAmount.decimalString) \(p.rate?.decimalString ?? "-")")
        }
        for s in skipped { lines.append("skip \(s.merchantId) \(s.currency.code) \(s.balance.decimalString) \(s.reason.rawValue)") }
        for c in claims { lines.append("claim \(c.programId) \(c.funderId) \(c.amount.currency.code) \(c.amount.decimalString)") }
        return lines
    }

    /// SHA-256 (lowercase hex) of the manifest lines, each ended by a newline.
    public var manifestHash: String { Self.hash(manifestLines) }

    public static func hash(_ lines: [String]) -> String {
        var sha = SHA256()
        for line in lines { sha.update(data: Array((line + "\n").utf8)) }
        return sha.finalize().map { byte in
            let hex = Array("0123456789abcdef".utf8)
            return String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 0xf)]], as: UTF8.self)
        }.joined()
    }

    /// Lines of `other` missing here (`-`) and lines here missing there (`+`): what changed
    /// since a plan with manifest `other` was made.
    public func changes(since other: [String]) -> [String] {
        let now = Set(manifestLines), before = Set(other)
        return other.filter { !now.contains($0) }.map { "- " + $0 } + manifestLines.filter { !before.contains($0) }.map { "+ " + $0 }
    }
}
