import LedgerDomain
import Money
import Settlement
import Testing

/// The payout rule for one merchant and currency, by hand, in minor units.
@Suite struct PayoutRulesTests {
    static let hkd = Currency(code: "HKD")!, cny = Currency(code: "CNY")!, twd = Currency(code: "TWD")!
    static let jpy = Currency(code: "JPY")!, kwd = Currency(code: "KWD")!
    static let day = try! CalendarDay(parsing: "2026-05-15")

    static func decide(_ balanceMinor: Int64, _ ccy: Currency = hkd, to target: Currency? = cny, held: Bool = false,
                       minimum: Int64? = nil, rate: String? = "0.25") -> PayoutRules.Outcome {
        PayoutRules.decide(merchantId: "M1", balance: Amount(minorUnits: balanceMinor, currency: ccy), settlementCurrency: target,
                           held: held, minimum: minimum.map { Amount(minorUnits: $0, currency: ccy) },
                           rate: rate.map { try! FxRate(parsing: $0) }, date: day)
    }

    static func paid(_ outcome: PayoutRules.Outcome) -> Int64? {
        if case .pay(let p) = outcome { return p.payoutAmount.minorUnits }
        return nil
    }

    static func reason(_ outcome: PayoutRules.Outcome) -> SkipReason? {
        if case .skip(let s) = outcome { return s.reason }
        return nil
    }

    @Test("a zero balance is neither paid nor listed; a debit is carried forward as debit_balance")
    func zeroIsNeitherPaidNorListedAndADebitIsCarriedForward() {
        #expect(Self.decide(0) == .nothing)
        #expect(Self.reason(Self.decide(1)) == .debitBalance)
    }

    @Test("half-even on ties, into currencies of exponent 2, 0 and 3")
    func conversionTiesRoundHalfEvenInEveryExponent() {
        #expect(Self.paid(Self.decide(-25, rate: "0.1")) == 2)        // 0.025 → 0.02
        #expect(Self.paid(Self.decide(-35, rate: "0.1")) == 4)        // 0.035 → 0.04
        #expect(Self.paid(Self.decide(-10_050, to: Self.jpy, rate: "15")) == 1_508)   // 1507.5 → 1508
        #expect(Self.paid(Self.decide(-10_030, to: Self.jpy, rate: "15")) == 1_504)   // 1504.5 → 1504
        #expect(Self.reason(Self.decide(-1, to: Self.kwd, rate: "0.0395")) == .roundsToZero)  // 0.000395 KWD → 0
        #expect(Self.paid(Self.decide(-1_000, to: Self.kwd, rate: "0.0395")) == 395)  // 10.00 HKD → 0.395 KWD
    }

    @Test("same currency pays the amount itself at no rate, whatever rate is known")
    func sameCurrencyPaysTheAmountItselfAtNoRate() {
        guard case .pay(let p) = Self.decide(-99_000, to: Self.hkd, rate: "7") else { Issue.record("not paid"); return }
        #expect(p.amount == p.payoutAmount && p.rate == nil && p.payoutId == "payout-M1-HKD-2026-05-15")
        #expect(p.event.effectiveAt == Self.day.endOfDay)
    }

    @Test("the controls: hold before minimum before rate; the minimum itself is paid")
    func holdComesBeforeMinimumBeforeRateAndTheMinimumIsPaid() {
        #expect(Self.reason(Self.decide(-100, held: true, minimum: 1_000, rate: nil)) == .onHold)
        #expect(Self.reason(Self.decide(-999, minimum: 1_000, rate: nil)) == .belowMinimum)
        #expect(Self.paid(Self.decide(-1_000, minimum: 1_000)) == 250)
        #expect(Self.reason(Self.decide(-1_000, rate: nil)) == .noRate)
        #expect(Self.reason(Self.decide(-1_000, to: nil)) == .noSettlementCurrency)
        #expect(Self.reason(Self.decide(-1, Self.twd, rate: "0.2236109299")) == .roundsToZero)
    }

    @Test("a conversion out of Int64 range is a skip, not a trap")
    func conversionOutOfInt64IsASkipNotATrap() {
        #expect(Self.reason(Self.decide(Int64.min + 1, rate: "900000000")) == .conversionOverflow)
    }
}
