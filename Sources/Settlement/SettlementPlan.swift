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

/// A payout: `amount` owed in the payable currency, paid as `payoutAmount` in the merchant's
/// settlement currency at `rate` (nil in one currency).
public struct PlannedPayout: Sendable, Equatable {
    public var merchantId: String
    public var amount: Amount
    public var payoutAmount: Amount
    public var rate: FxRate?
    public var settlementDate: CalendarDay
    /// Appended already by an earlier run of the same date.
    public var alreadyApplied: Bool

    public init(merchantId: String, amount: Amount, payoutAmount: Amount, rate: FxRate?, settlementDate: CalendarDay,
                alreadyApplied: Bool = false) {
        self.merchantId = merchantId
        self.amount = amount
        self.payoutAmount = payoutAmount
        self.rate = rate
        self.settlementDate = settlementDate
        self.alreadyApplied = alreadyApplied
    }

    public var identity: PayoutID { PayoutID(merchantId: merchantId, currency: amount.currency, date: settlementDate) }
    /// `payout-{merchant}-{ccy}-{date}`: stream id and command id of the payout.
    public var payoutId: String { identity.text }

    /// The event: dated the last instant of the settlement date, so the payable as of that date is zero.
    public var event: MerchantPaidOut {
        MerchantPaidOut(merchantId: merchantId, amount: amount, payoutAmount: payoutAmount, rate: rate,
                        settlementDate: settlementDate, effectiveAt: settlementDate.endOfDay)
    }
}

/// A merchant and currency not paid this time, and why; `balance` is what the payable account
/// holds as of the end of the date (debit-positive: negative when the merchant is owed).
public struct SkippedPayout: Sendable, Equatable {
    public var merchantId: String
    public var currency: Currency
    public var balance: Amount
    public var reason: SkipReason
    /// For a person: which rate is missing, what the minimum is.
    public var detail: String

    public init(merchantId: String, currency: Currency, balance: Amount, reason: SkipReason, detail: String) {
        self.merchantId = merchantId
        self.currency = currency
        self.balance = balance
        self.reason = reason
        self.detail = detail
    }
}

/// Why a payout was skipped (stable codes: tools depend on them). In every case nothing is
/// posted and the balance is carried forward to the next settlement.
public enum SkipReason: String, Sendable, CaseIterable {
    /// No FxRateRecorded for payable currency → settlement currency with asOf ≤ end of the date.
    case noRate = "no_rate"
    /// The owed amount is below `--min-payout` for its currency.
    case belowMinimum = "below_minimum"
    /// The merchant's payouts are held (`HoldPayouts`).
    case onHold = "on_hold"
    /// The payable account is in debit: the merchant owes (refunds, chargebacks).
    case debitBalance = "debit_balance"
    /// The converted amount rounds (half-even) to zero in the settlement currency.
    case roundsToZero = "rounds_to_zero"
    /// The converted amount does not fit the settlement currency's range.
    case conversionOverflow = "conversion_overflow"
    /// The payable belongs to a party that is not a registered seller with a settlement currency.
    case noSettlementCurrency = "no_settlement_currency"
}

/// A subsidy claim on a programme's funder: the net subsidy (granted − reversed + restored) up to
/// the end of the date that earlier claims have not claimed yet.
public struct PlannedClaim: Sendable, Equatable {
    public var programId: String
    public var funderId: String
    public var amount: Amount
    public var settlementDate: CalendarDay
    public var alreadyApplied: Bool

    public init(programId: String, funderId: String, amount: Amount, settlementDate: CalendarDay, alreadyApplied: Bool = false) {
        self.programId = programId
        self.funderId = funderId
        self.amount = amount
        self.settlementDate = settlementDate
        self.alreadyApplied = alreadyApplied
    }

    /// The claim id, also the command id of its append.
    public var claimId: String { Self.claimId(programId: programId, date: settlementDate) }
    /// `claim-{program}-{date}`, or, when that exceeds an id's 64 characters, `claim-` + the first
    /// 32 hex digits of SHA-256(program ‖ " " ‖ date) + `-{date}`. Deterministic either way.
    public static func claimId(programId: String, date: CalendarDay) -> String {
        let plain = "claim-\(programId)-\(date.text)"
        if Identifier.isValidId(plain) { return plain }
        return "claim-\(SettlementPlan.hash([programId + " " + date.text]).prefix(32))-\(date.text)"
    }

    public var event: SubsidyClaimSubmitted {
        SubsidyClaimSubmitted(claimId: claimId, programId: programId, funderId: funderId, amount: amount,
                              settlementDate: settlementDate, effectiveAt: settlementDate.endOfDay)
    }
}
