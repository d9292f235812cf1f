import EventStore
import Foundation
import LibPQ
import Money
import Projections
import Settlement
import TestSupport
import Testing
import TradeLedgerKit

/// `settle` against a real PostgreSQL, every amount checked by hand in minor units.
@Suite("Settlement") struct SettleTests {
    static let cny = Currency(code: "CNY")!, hkd = Currency(code: "HKD")!, twd = Currency(code: "TWD")!

    @Test("a same-currency payout pays the payable (sales minus commission) from the bank, and the payable is zero as of D")
    func sameCurrencyPayoutPaysThePayableFromTheBank() throws {
        try TestDatabase.with { url in
            let h = try SettleHarness(url)
            try h.accept(SCmd.buyers + [SCmd.seller("M2", settles: "HKD", commissionBps: 100, n: "m2")]
                         + SCmd.sale("S1", seller: "M2", ccy: "HKD", amount: "1000.00", at: "2026-05-15T10:00:00Z"))
            let outcome = try h.settle("2026-05-15")
            // 1000.00 − 1% commission (10.00) = 990.00, paid in HKD at no rate.
            #expect(outcome.plan.payouts == [PlannedPayout(merchantId: "M2", amount: Amount(minorUnits: 99_000, currency: Self.hkd),
                                                           payoutAmount: Amount(minorUnits: 99_000, currency: Self.hkd), rate: nil,
                                                           settlementDate: SettleHarness.day("2026-05-15"))])
            #expect(outcome.plan.skipped.isEmpty && outcome.plan.claims.isEmpty)
            #expect(outcome.report?.payoutsAppended == 1)
            #expect(try h.balance("merchant/M2/payable", Self.hkd, asOf: "2026-05-15") == 0)
            #expect(try h.balance("platform/bank/HKD", Self.hkd) == 100_000 - 99_000)
            #expect(try h.balance("platform/revenue/commission", Self.hkd) == -1_000)
            try h.expectBooksBalanceAndVerify()
        }
    }

    @Test("HKD→CNY and TWD→CNY through fx/position with the latest rate as of the end of D, half-even ties both ways")
    func crossCurrencyPayoutConvertsAtTheLatestRateHalfEven() throws {
        try TestDatabase.with { url in
            let h = try SettleHarness(url)
            try h.accept(SCmd.buyers + [SCmd.seller("M1", settles: "CNY", commissionBps: 200, n: "m1"),
                                        SCmd.rate("HKD", "CNY", "0.3", asOf: "2026-05-14T00:00:00Z", n: "r1"),
                                        SCmd.rate("HKD", "CNY", "0.25", asOf: "2026-05-15T08:00:00Z", n: "r2"),
                                        SCmd.rate("HKD", "CNY", "0.9", asOf: "2026-05-16T02:00:00Z", n: "r3"),  // after D: not used
                                        SCmd.rate("TWD", "CNY", "0.5", asOf: "2026-05-15T00:00:00Z", n: "r4")]
                         // HKD 102.10 − 2% (2.042 → 2.04) = 100.06; TWD 1000.50 − 2% (20.01) = 980.49.
                         + SCmd.sale("H1", seller: "M1", ccy: "HKD", amount: "102.10", at: "2026-05-15T09:00:00Z")
                         + SCmd.sale("W1", seller: "M1", ccy: "TWD", amount: "1000.50", at: "2026-05-15T09:30:00Z"))
            let outcome = try h.settle("2026-05-15")
            let day = SettleHarness.day("2026-05-15")
            // 100.06 × 0.25 = 25.015 → 25.02 (tie to even, up); 980.49 × 0.5 = 490.245 → 490.24 (tie to even, down).
            #expect(outcome.plan.payouts == [
                PlannedPayout(merchantId: "M1", amount: Amount(minorUnits: 10_006, currency: Self.hkd),
                              payoutAmount: Amount(minorUnits: 2_502, currency: Self.cny), rate: try FxRate(parsing: "0.25"), settlementDate: day),
                PlannedPayout(merchantId: "M1", amount: Amount(minorUnits: 98_049, currency: Self.twd),
                              payoutAmount: Amount(minorUnits: 49_024, currency: Self.cny), rate: try FxRate(parsing: "0.5"), settlementDate: day),
            ])
            #expect(try h.balance("merchant/M1/payable", Self.hkd, asOf: "2026-05-15") == 0)
            #expect(try h.balance("merchant/M1/payable", Self.twd, asOf: "2026-05-15") == 0)
            #expect(try h.balance("fx/position", Self.hkd) == -10_006)
            #expect(try h.balance("fx/position", Self.twd) == -98_049)
            #expect(try h.balance("fx/position", Self.cny) == 2_502 + 49_024)
            #expect(try h.balance("platform/bank/CNY", Self.cny) == -(2_502 + 49_024))
            try h.expectBooksBalanceAndVerify()
        }
    }

    @Test("commission and subsidy are in the payout; a refund larger than the new sales leaves a debit that is carried forward; claims net of reversals")
    func refundCarriedForwardWithSubsidy() throws {
        try TestDatabase.with { url in
            let h = try SettleHarness(url)
            try h.accept(Cmd.setup + [SCmd.seller("M2", settles: "HKD", commissionBps: 100, n: "m2"),
                                      Cmd.invoice("I1", seller: "M2", price: "100.00", at: "2026-05-14T01:00:00Z", n: "i1"),
                                      Cmd.capture("PAY1", invoice: "I1", amount: "100.00", at: "2026-05-14T10:00:00Z", n: "p1")])
            // D1: 100.00 − 1.00 commission + 3.00 subsidy (3%) = 102.00; the claim is the 3.00 granted.
            let d1 = try h.settle("2026-05-14")
            #expect(d1.plan.payouts.map(\.amount.minorUnits) == [10_200] && d1.plan.payouts[0].payoutAmount.currency == Self.hkd)
            #expect(d1.plan.claims.map { [$0.programId, $0.funderId, $0.amount.decimalString] } == [["P1", "VISA", "3.00"]])
            #expect(d1.report?.claimsAppended == 1)

            try h.accept([Cmd.invoice("I2", seller: "M2", price: "10.00", at: "2026-05-15T01:00:00Z", n: "i2"),
                          Cmd.capture("PAY2", invoice: "I2", amount: "10.00", at: "2026-05-15T09:00:00Z", n: "p2"),
                          Cmd.refund("R1", payment: "PAY1", amount: "50.00", at: "2026-05-15T11:00:00Z", n: "r1")])
            // D2: −(10.00 − 0.10 + 0.30) + 50.00 refund + 1.50 subsidy reversed = +41.30: the merchant owes.
            let d2 = try h.settle("2026-05-15")
            #expect(d2.plan.payouts.isEmpty)
            #expect(d2.plan.skipped == [SkippedPayout(merchantId: "M2", currency: Self.hkd, balance: Amount(minorUnits: 4_130, currency: Self.hkd),
                                                      reason: .debitBalance, detail: d2.plan.skipped.first?.detail ?? "")])
            // Net subsidy up to D2: 3.00 + 0.30 − 1.50 = 1.80, less the 3.00 claimed: nothing to claim.
            #expect(d2.plan.claims.isEmpty)
            #expect(try h.balance("merchant/M2/payable", Self.hkd, asOf: "2026-05-15") == 4_130)
            #expect(try h.eventCount("MerchantPaidOut") == 1)
            let program = try ProjectionQueries(connection: h.store.connection, ledgerId: "main").subsidyPrograms()[0]
            #expect(program.claimed.minorUnits == 300)
            try h.expectBooksBalanceAndVerify()
        }
    }

    @Test("no rate (named), below the minimum and on hold are skipped with nothing posted; released and rated, they are paid the next day")
    func skippedPayoutsPostNothingAndArePaidOnceReleased() throws {
        try TestDatabase.with { url in
            let h = try SettleHarness(url)
            try h.accept(SCmd.buyers + [SCmd.seller("MA", settles: "CNY", commissionBps: 0, n: "ma"),
                                        SCmd.seller("MB", settles: "HKD", commissionBps: 0, n: "mb"),
                                        SCmd.seller("MC", settles: "HKD", commissionBps: 0, n: "mc"),
                                        SCmd.seller("MD", settles: "HKD", commissionBps: 0, n: "md")]
                         + SCmd.sale("A", seller: "MA", ccy: "HKD", amount: "99.00", at: "2026-05-15T10:00:00Z")
                         + SCmd.sale("B", seller: "MB", ccy: "HKD", amount: "49.99", at: "2026-05-15T10:00:00Z")
                         + SCmd.sale("C", seller: "MC", ccy: "HKD", amount: "99.00", at: "2026-05-15T10:00:00Z")
                         + SCmd.sale("D", seller: "MD", ccy: "HKD", amount: "50.00", at: "2026-05-15T10:00:00Z")
                         + [SCmd.hold("MC", at: "2026-05-15T12:00:00Z", n: "hold-mc")])
            let again = try submit(url, SCmd.hold("MC", at: "2026-05-15T13:00:00Z", n: "hold-mc-2"))
            #expect(again.first?.error?.code == "invalid_state")
            let notHeld = try submit(url, SCmd.release("MD", at: "2026-05-15T13:00:00Z", n: "release-md"))
            #expect(notHeld.first?.error?.code == "invalid_state")

            let d1 = try h.settle("2026-05-15", minimums: ["HKD=50.00"])
            #expect(d1.plan.payouts.map { "\($0.merchantId) \($0.amount.decimalString)" } == ["MD 50.00"])
            #expect(d1.plan.skipped.map { "\($0.merchantId) \($0.balance.decimalString) \($0.reason.rawValue)" }
                    == ["MA -99.00 no_rate", "MB -49.99 below_minimum", "MC -99.00 on_hold"])
            #expect(d1.plan.skipped[0].detail.contains("HKD→CNY"))
            for m in ["MA", "MC"] { #expect(try h.balance("merchant/\(m)/payable", Self.hkd, asOf: "2026-05-15") == -9_900) }
            #expect(try h.balance("merchant/MB/payable", Self.hkd, asOf: "2026-05-15") == -4_999)

            try h.accept([SCmd.release("MC", at: "2026-05-16T08:00:00Z", n: "release-mc"),
                          SCmd.rate("HKD", "CNY", "0.9", asOf: "2026-05-16T00:00:00Z", n: "rate")])
            let d2 = try h.settle("2026-05-16", minimums: ["HKD=50.00"])
            // MA: 99.00 × 0.9 = 89.10 CNY; MC: 99.00 HKD; MB still below the minimum.
            #expect(d2.plan.payouts.map { "\($0.merchantId) \($0.amount.decimalString) \($0.payoutAmount.decimalString) \($0.payoutAmount.currency)" }
                    == ["MA 99.00 89.10 CNY", "MC 99.00 99.00 HKD"])
            #expect(d2.plan.skipped.map { "\($0.merchantId) \($0.reason.rawValue)" } == ["MB below_minimum"])
            try h.expectBooksBalanceAndVerify()
        }
    }

    @Test("a returned payout goes back on the payable with the FX legs reversed at its rate, is paid again the next day, and cannot be returned twice")
    func returnedPayoutPaidAgain() throws {
        try TestDatabase.with { url in
            let h = try SettleHarness(url)
            try h.accept(SCmd.buyers + [SCmd.seller("M1", settles: "CNY", commissionBps: 200, n: "m1"),
                                        SCmd.rate("HKD", "CNY", "0.25", asOf: "2026-05-15T08:00:00Z", n: "r1")]
                         + SCmd.sale("H1", seller: "M1", ccy: "HKD", amount: "102.10", at: "2026-05-15T09:00:00Z"))
            _ = try h.settle("2026-05-15")
            #expect(try h.balance("platform/bank/CNY", Self.cny) == -2_502)

            let id = "payout-M1-HKD-2026-05-15"
            let first = try submit(url, SCmd.returned(id, at: "2026-05-16T10:00:00Z", n: "ret1"))
            #expect(first.first?.status == .accepted, "\(first.first?.error?.description ?? "")")
            #expect(try h.balance("merchant/M1/payable", Self.hkd, asOf: "2026-05-16") == -10_006)
            #expect(try h.balance("platform/bank/CNY", Self.cny) == 0)
            #expect(try h.balance("fx/position", Self.cny) == 0 && h.balance("fx/position", Self.hkd) == 0)
            #expect(try submit(url, SCmd.returned(id, at: "2026-05-16T11:00:00Z", n: "ret2")).first?.error?.code == "already_returned")
            #expect(try submit(url, SCmd.returned("payout-M9-HKD-2026-05-15", at: "2026-05-16T11:00:00Z", n: "ret3")).first?.error?.code == "not_found")
            #expect(try submit(url, SCmd.returned("M1-HKD", at: "2026-05-16T11:00:00Z", n: "ret4")).first?.error?.field == "payoutId")

            try h.accept([SCmd.rate("HKD", "CNY", "0.5", asOf: "2026-05-16T00:00:00Z", n: "r2")])
            let d2 = try h.settle("2026-05-16")
            // 100.06 × 0.5 = 50.03 CNY, under the next day's payout id.
            #expect(d2.plan.payouts.map { "\($0.payoutId) \($0.amount.decimalString) \($0.payoutAmount.decimalString)" }
                    == ["payout-M1-HKD-2026-05-16 100.06 50.03"])
            #expect(try h.balance("merchant/M1/payable", Self.hkd, asOf: "2026-05-16") == 0)
            #expect(try h.balance("platform/bank/CNY", Self.cny) == -5_003)
            try h.expectBooksBalanceAndVerify()
        }
    }

    @Test("settling D twice pays nothing twice; an earlier date, or a new date inside a closed period, is refused; D is closed to submitted commands")
    func settlingTwicePaysNothingTwiceAndEarlierOrClosedDatesAreRefused() throws {
        try TestDatabase.with { url in
            let h = try SettleHarness(url)
            try h.accept(SCmd.buyers + [SCmd.seller("M2", settles: "HKD", commissionBps: 100, n: "m2")]
                         + SCmd.sale("S1", seller: "M2", ccy: "HKD", amount: "1000.00", at: "2026-05-15T10:00:00Z"))
            let first = try h.settle("2026-05-15")
            let head = try h.store.head().seq
            let second = try h.settle("2026-05-15")
            #expect(first.report?.payoutsAppended == 1)
            #expect(second.report?.payoutsAppended == 0 && second.report?.payoutsAlreadyApplied == 1)
            #expect(second.plan.manifestHash == first.plan.manifestHash)
            #expect(try h.store.head().seq == head)
            #expect(try h.eventCount("MerchantPaidOut") == 1)

            #expect { try h.settle("2026-05-14") } throws: { "\($0)".contains("earlier than the latest settled date 2026-05-15") }
            #expect(try h.store.head().seq == head)

            // A date not settled before, when a later date is already closed, is refused too.
            try h.accept(SCmd.sale("S3", seller: "M2", ccy: "HKD", amount: "5.00", at: "2026-05-16T10:00:00Z"))
            _ = try PeriodService(store: h.store).close(through: SettleHarness.day("2026-05-17"))
            let closedHead = try h.store.head().seq
            #expect { try h.settle("2026-05-16") } throws: { "\($0)".contains("closed through 2026-05-17") }
            #expect(try h.store.head().seq == closedHead)
            #expect(try h.settle("2026-05-15").report?.payoutsAppended == 0, "the settled date itself may run again")

            let late = try submit(url, SCmd.sale("S2", seller: "M2", ccy: "HKD", amount: "5.00", at: "2026-05-15T23:00:00Z").joined(separator: "\n"))
            #expect(late.allSatisfy { $0.error?.code == "period_closed" }, "\(late.compactMap(\.error))")
            #expect(try h.store.head().seq == closedHead)
        }
    }

    @Test("a stale plan is refused showing what changed and appends nothing; the fresh plan applies")
    func stalePlanRefused() throws {
        try TestDatabase.with { url in
            let h = try SettleHarness(url)
            try h.accept(SCmd.buyers + [SCmd.seller("M2", settles: "HKD", commissionBps: 100, n: "m2")]
                         + SCmd.sale("S1", seller: "M2", ccy: "HKD", amount: "1000.00", at: "2026-05-15T10:00:00Z"))
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString).json").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            let dry = try h.settle("2026-05-15", dryRun: true, planOut: path)
            #expect(dry.report == nil && dry.plan.payouts.count == 1)
            #expect(try h.eventCount("MerchantPaidOut") == 0)

            try h.accept(SCmd.sale("S2", seller: "M2", ccy: "HKD", amount: "100.00", at: "2026-05-15T11:00:00Z"))
            let head = try h.store.head().seq
            #expect { try h.settle("2026-05-15", plan: path) } throws: { error in
                let text = "\(error)"
                return text.contains("stale") && text.contains("- payout M2 HKD 990.00 HKD 990.00 -")
                    && text.contains("+ payout M2 HKD 1089.00 HKD 1089.00 -")
            }
            #expect(try h.store.head().seq == head)

            _ = try h.settle("2026-05-15", dryRun: true, planOut: path)
            // An edited plan file, or one for another date, is refused naming the field.
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let edited = path + ".edited"
            defer { try? FileManager.default.removeItem(atPath: edited) }
            try text.replacingOccurrences(of: "HKD 1089.00 HKD 1089.00", with: "HKD 9089.00 HKD 9089.00")
                .write(toFile: edited, atomically: true, encoding: .utf8)
            #expect { try h.settle("2026-05-15", plan: edited) } throws: { "\($0)".contains("[manifest]") }
            #expect { try h.settle("2026-05-16", plan: path) } throws: { "\($0)".contains("[settlementDate]") }
            #expect(try h.store.head().seq == head)
            let applied = try h.settle("2026-05-15", plan: path)
            #expect(applied.report?.payoutsAppended == 1 && applied.plan.payouts[0].amount.minorUnits == 108_900)
            try h.expectBooksBalanceAndVerify()
        }
    }
}
