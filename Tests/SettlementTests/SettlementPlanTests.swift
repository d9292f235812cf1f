import LedgerDomain
import Money
import Settlement
import Testing

@Suite struct SettlementPlanTests {
    static let hkd = Currency(code: "HKD")!, cny = Currency(code: "CNY")!
    static let day = try! CalendarDay(parsing: "2026-05-15")

    static func plan(amount: Int64, applied: Bool = false) -> SettlementPlan {
        SettlementPlan(settlementDate: day,
                       payouts: [PlannedPayout(merchantId: "M1", amount: Amount(minorUnits: amount, currency: hkd),
                                               payoutAmount: Amount(minorUnits: amount / 4, currency: cny), rate: try! FxRate(parsing: "0.25"),
                                               settlementDate: day, alreadyApplied: applied)],
                       skipped: [SkippedPayout(merchantId: "M2", currency: hkd, balance: Amount(minorUnits: 500, currency: hkd),
                                               reason: .debitBalance, detail: "owes")],
                       claims: [PlannedClaim(programId: "P1", funderId: "VISA", amount: Amount(minorUnits: 300, currency: hkd), settlementDate: day)])
    }

    @Test("the manifest names every payout, skip and claim; what was already applied does not change its hash")
    func manifestNamesEveryLineAndAppliedStateLeavesItsHashAlone() {
        #expect(Self.plan(amount: 10_000).manifestLines == [
            "tradeledger-settlement-plan v1 2026-05-15",
            "payout M1 HKD 100.00 CNY 25.00 0.2500000000",
            "skip M2 HKD 5.00 debit_balance",
            "claim P1 VISA HKD 3.00",
        ])
        #expect(Self.plan(amount: 10_000).manifestHash == Self.plan(amount: 10_000, applied: true).manifestHash)
        #expect(Self.plan(amount: 10_000).manifestHash.count == 64)
        #expect(Self.plan(amount: 10_000).manifestHash != Self.plan(amount: 10_004).manifestHash)
    }

    @Test("changes since an older plan: its lines gone with -, the new ones with +")
    func changesListOldLinesWithMinusAndNewOnesWithPlus() {
        let old = Self.plan(amount: 10_000).manifestLines
        #expect(Self.plan(amount: 10_004).changes(since: old) == ["- payout M1 HKD 100.00 CNY 25.00 0.2500000000",
                                                                  "+ payout M1 HKD 100.04 CNY 25.01 0.2500000000"])
        #expect(Self.plan(amount: 10_000).changes(since: old).isEmpty)
    }

    @Test("claim ids are valid ids, hashed when the programme id is long")
    func claimIdsAreValidAndHashedForLongProgrammeIds() {
        #expect(PlannedClaim.claimId(programId: "P1", date: Self.day) == "claim-P1-2026-05-15")
        let long = String(repeating: "p", count: 64)
        let id = PlannedClaim.claimId(programId: long, date: Self.day)
        #expect(Identifier.isValidId(id) && id.hasPrefix("claim-") && id.hasSuffix("-2026-05-15"))
        #expect(id == PlannedClaim.claimId(programId: long, date: Self.day))
    }

    @Test("payout ids parse back into their identity, and refuse what is not one")
    func payoutIdsParseBackAndRefuseWhatIsNotOne() {
        let id = PayoutID(merchantId: "M-1.a", currency: Self.hkd, date: Self.day)
        #expect(PayoutID(parsing: id.text) == id)
        #expect(PayoutID(parsing: "payout-M1-HKD-2026-02-30") == nil)
        #expect(PayoutID(parsing: "payout-M1-XXX-2026-05-15") == nil)
        #expect(PayoutID(parsing: "M1-HKD-2026-05-15") == nil)
        #expect(PayoutID(parsing: "payout--HKD-2026-05-15") == nil)
    }
}
