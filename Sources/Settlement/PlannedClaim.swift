import LedgerDomain
import Money

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
