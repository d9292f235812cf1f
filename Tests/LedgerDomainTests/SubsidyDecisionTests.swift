import Testing
import Money
@testable import LedgerDomain

@Suite struct SubsidyDecisionTests {
    func subsidy(_ decision: Decision) -> SubsidyGranted? {
        for pending in decision.events { if case .subsidyGranted(let grant) = pending.event { return grant } }
        return nil
    }

    func launch(_ ledger: inout TestLedger, _ id: String, budget: String = "1000.00", rateBps: Int64 = 300, cap: String = "50.00",
                minSpend: String = "100.00", countries: [String] = ["HK"], kinds: [PartyKind]? = nil,
                from: String = "2026-05-01", to: String = "2026-05-31", at: Int64 = 1_777_000_000) {
        let decision = ledger.run(.launchSubsidyProgram(LaunchSubsidyProgram(
            programId: id, funderId: "VISA", currency: .hkd, budget: World.money(budget), rateBps: rateBps,
            capPerPayment: World.money(cap), minSpend: World.money(minSpend), buyerCountries: countries, sellerKinds: kinds,
            validFrom: World.day(from), validTo: World.day(to))), at: Timestamp(secondsSinceEpoch: at))
        precondition(decision.isAccepted)
    }

    @Test func subsidyIsCappedRoundedHalfEvenAndNothingBelowMinSpend() {
        var ledger = TestLedger()
        World.setUp(&ledger)
        _ = World.invoice(&ledger, id: "I1", total: "100000.00")
        #expect(subsidy(World.capture(&ledger, id: "A", invoice: "I1", amount: "5000.00"))?.amount == World.money("50.00"))
        // 3% of 100.50 = 3.015 → 3.02 (half-even: 301.5 → 302)
        #expect(subsidy(World.capture(&ledger, id: "B", invoice: "I1", amount: "100.50"))?.amount == World.money("3.02"))
        // 3% of 100.50 + 0.00...: 3% of 101.50 = 3.045 → 3.04
        #expect(subsidy(World.capture(&ledger, id: "C", invoice: "I1", amount: "101.50"))?.amount == World.money("3.04"))
        // Below minSpend: nothing.
        #expect(subsidy(World.capture(&ledger, id: "D", invoice: "I1", amount: "99.99")) == nil)
    }

    @Test func subsidyOnlyForEligibleSellerBuyerCurrencyAndValidityDays() throws {
        var ledger = TestLedger()
        World.setUp(&ledger, program: false)
        launch(&ledger, "P1", kinds: [.smb])
        _ = World.invoice(&ledger, id: "I1", seller: "S1", total: "10000.00")      // S1 enterprise
        _ = World.invoice(&ledger, id: "I2", seller: "S2", total: "10000.00")      // S2 smb
        _ = World.invoice(&ledger, id: "I3", seller: "S2", buyer: "B2", total: "10000.00")  // B2 in US
        _ = World.invoice(&ledger, id: "I4", seller: "S2", total: "10000.00", currency: .usd)
        #expect(subsidy(World.capture(&ledger, id: "A", invoice: "I1", amount: "200.00")) == nil)
        #expect(subsidy(World.capture(&ledger, id: "B", invoice: "I2", amount: "200.00")) != nil)
        #expect(subsidy(World.capture(&ledger, id: "C", invoice: "I3", amount: "200.00", binding: "C2")) == nil)
        #expect(subsidy(World.capture(&ledger, id: "D", invoice: "I4", amount: "200.00", currency: .usd)) == nil)
        // validTo runs to the end of its day (UTC); validFrom from its start.
        let lastMoment = try Timestamp(rfc3339: "2026-05-31T23:59:59.999999Z")
        #expect(subsidy(World.capture(&ledger, id: "E", invoice: "I2", amount: "200.00", at: lastMoment)) != nil)
        let after = try Timestamp(rfc3339: "2026-06-01T00:00:00Z")
        #expect(subsidy(World.capture(&ledger, id: "F", invoice: "I2", amount: "200.00", at: after)) == nil)
        let first = try Timestamp(rfc3339: "2026-05-01T00:00:00Z")
        #expect(subsidy(World.capture(&ledger, id: "G", invoice: "I2", amount: "200.00", at: first)) != nil)
        let before = try Timestamp(rfc3339: "2026-05-01T07:59:59+08:00")
        #expect(subsidy(World.capture(&ledger, id: "H", invoice: "I2", amount: "200.00", at: before)) == nil)
    }

    @Test func earliestLaunchedEligibleProgrammeWithBudgetLeftPaysInLogOrderNotByClientTime() throws {
        var ledger = TestLedger()
        World.setUp(&ledger, program: false)
        // FIRST is launched first in the log, with a later `at` than SECOND: the log order wins.
        launch(&ledger, "FIRST", budget: "10.00", at: 1_777_000_100)
        launch(&ledger, "SECOND", budget: "1000.00", at: 1_777_000_000)
        #expect(ledger.state.programListing == ["FIRST": 1, "SECOND": 2])
        #expect(ledger.state.programsInLaunchOrder.map(\.programId) == ["FIRST", "SECOND"])
        _ = World.invoice(&ledger, id: "I1", total: "100000.00")
        let first = World.capture(&ledger, id: "A", invoice: "I1", amount: "200.00")
        #expect(subsidy(first)?.programId == "FIRST")  // 20000 × 300 / 10000 = 600
        #expect(first.guards == ["ledger-programs": 2, "ledger-periods": 0])
        // 400 left in FIRST: the grant is capped by the budget left.
        let capped = subsidy(World.capture(&ledger, id: "B", invoice: "I1", amount: "200.00"))
        #expect(capped?.programId == "FIRST")
        #expect(capped?.amount == World.money("4.00"))
        #expect(ledger.state.programs["FIRST"]?.budgetLeft.isZero == true)
        // Nothing left: the next eligible programme pays, and the capture relies on FIRST staying empty.
        let next = World.capture(&ledger, id: "C", invoice: "I1", amount: "200.00")
        #expect(subsidy(next)?.programId == "SECOND")
        #expect(next.guards == ["ledger-programs": 2, "ledger-periods": 0, "subsidy-FIRST": 3])
        #expect(try ledger.replay().programsInLaunchOrder.map(\.programId) == ["FIRST", "SECOND"])
    }

    @Test func aLaunchJoinsTheProgrammeSetAtItsExpectedVersion() {
        var ledger = TestLedger()
        World.setUp(&ledger)
        let decision = ledger.run(.launchSubsidyProgram(LaunchSubsidyProgram(
            programId: "P2", funderId: "VISA", currency: .hkd, budget: World.money("10.00"), rateBps: 100,
            capPerPayment: World.money("5.00"), minSpend: World.money("1.00"), buyerCountries: ["HK"],
            validFrom: World.day("2026-05-01"), validTo: World.day("2026-05-31"))))
        #expect(decision.events.map(\.streamId) == ["subsidy-P2", "ledger-programs"])
        #expect(decision.events.map(\.expectedVersion) == [0, 1])
    }

    @Test func aGrantThatRoundsToZeroDoesNotEndTheSearch() {
        var ledger = TestLedger()
        World.setUp(&ledger, program: false)
        launch(&ledger, "TINY", rateBps: 1, minSpend: "0.00")   // launched first: 1 bp
        launch(&ledger, "MAIN", rateBps: 300, minSpend: "0.00", at: 1_777_000_100)
        _ = World.invoice(&ledger, id: "I1", total: "1000.00")
        // TINY: 4000 × 1 / 10000 = 0.4 minor → half-even 0, no grant; MAIN: 4000 × 300 / 10000 = 120 minor.
        let grant = subsidy(World.capture(&ledger, id: "A", invoice: "I1", amount: "40.00"))
        #expect(grant?.programId == "MAIN")
        #expect(grant?.amount.minorUnits == 120)
        #expect(ledger.state.programs["TINY"]?.grantedMinor == 0)
        // 5000 × 1 / 10000 = 0.5 → half-even 0 (even): still MAIN; 15000 × 1 / 10000 = 1.5 → 2: TINY pays.
        #expect(subsidy(World.capture(&ledger, id: "B", invoice: "I1", amount: "50.00"))?.programId == "MAIN")
        let tiny = subsidy(World.capture(&ledger, id: "C", invoice: "I1", amount: "150.00"))
        #expect(tiny?.programId == "TINY" && tiny?.amount.minorUnits == 2)
    }

    @Test func refundsReverseTheSubsidyInProportionAndTheLastTakesTheRemainder() {
        var ledger = TestLedger()
        World.setUp(&ledger)
        _ = World.invoice(&ledger, id: "I1", total: "1000.00")
        // Subsidy 3% of 333.33 = 9.9999 → 10.00
        _ = World.capture(&ledger, id: "PAY1", invoice: "I1", amount: "333.33")
        #expect(ledger.state.payments["PAY1"]?.subsidyGrantedMinor == 1000)
        func refund(_ id: String, _ amount: String) -> Decision {
            ledger.run(.refundCardPayment(RefundCardPayment(refundId: id, paymentId: "PAY1", amount: DecimalAmount(text: amount), arn: World.arn(9))))
        }
        let first = refund("R1", "111.11")
        #expect(first.events.map(\.streamId) == ["payment-PAY1", "subsidy-P1"])
        guard case .subsidyReversed(let r1) = first.events[1].event else {
            Issue.record("\(first)")
            return
        }
        #expect(r1.amount.minorUnits == 333)   // 1000 × 111.11/333.33 = 333.33 → 333
        #expect(first.events[1].event.postings == [
            Posting(account: "merchant/S1/payable", currency: .hkd, amountMinor: 333),
            Posting(account: "subsidy/P1/funder-receivable", currency: .hkd, amountMinor: -333),
        ])
        _ = refund("R2", "111.11")
        #expect(ledger.state.payments["PAY1"]?.subsidyReversedMinor == 667)
        let last = refund("R3", "111.11")
        guard case .subsidyReversed(let r3) = last.events.last?.event else {
            Issue.record("\(last)")
            return
        }
        #expect(r3.amount.minorUnits == 333)
        #expect(ledger.state.payments["PAY1"]?.subsidyReversedMinor == 1000)
        #expect(ledger.state.programs["P1"]?.budgetLeft == World.money("1000.00"))
        #expect(refund("R4", "0.01").rejection?.code == "exceeds_refundable")
    }

    @Test func refundIsRejectedBeyondWhatIsRefundableAndNeverReopensTheInvoice() {
        var ledger = TestLedger()
        World.setUp(&ledger)
        _ = World.invoice(&ledger, id: "I1", total: "1000.00")
        _ = World.capture(&ledger, id: "PAY1", invoice: "I1", amount: "100.00")
        _ = ledger.run(.recordBankTransfer(RecordBankTransfer(paymentId: "BANK1", invoiceId: "I1", amount: World.money("10.00"), bankReference: "x")))
        func refund(_ id: String, _ payment: String, _ amount: String, currency: Currency? = nil) -> Decision {
            ledger.run(.refundCardPayment(RefundCardPayment(refundId: id, paymentId: payment, amount: DecimalAmount(text: amount),
                                                            currency: currency, arn: World.arn(9))))
        }
        #expect(refund("R1", "NOPE", "1").rejection?.code == "not_found")
        #expect(refund("R1", "BANK1", "1").rejection?.code == "invalid_state")
        #expect(refund("R1", "PAY1", "100.01").rejection?.code == "exceeds_refundable")
        #expect(refund("R1", "PAY1", "1", currency: .usd).rejection?.code == "currency_mismatch")
        #expect(refund("R1", "PAY1", "1.001").rejection?.message == #"RefundCardPayment.amount "1.001": HKD has 2 decimal places"#)
        let ok = refund("R1", "PAY1", "40")
        #expect(ok.events.first?.event.postings == [
            Posting(account: "merchant/S1/payable", currency: .hkd, amountMinor: 4000),
            Posting(account: "scheme/visa/clearing", currency: .hkd, amountMinor: -4000),
        ])
        #expect(refund("R1", "PAY1", "1").rejection?.code == "already_exists")
        // A chargeback reduces what can be refunded.
        let chargeback = ChargebackDecisions.chargeback(chargebackId: "CB1", paymentId: "PAY1", amount: World.money("50.00"), arn: nil,
                                                        reasonCode: "10.4", at: TestLedger.now, state: ledger.state)
        try! ledger.state.applyAccepted(chargeback.events)
        #expect(refund("R2", "PAY1", "10.01").rejection?.code == "exceeds_refundable")
        #expect(refund("R2", "PAY1", "10.00").isAccepted)
        // Refunds do not reopen the invoice.
        #expect(ledger.state.invoices["I1"]?.open == World.money("890.00"))
    }

    @Test func chargebackReturnsTheSubsidyToTheBudgetAndItsReversalRestoresTheRefundableAmountOnce() {
        var ledger = TestLedger()
        World.setUp(&ledger)
        _ = World.invoice(&ledger, id: "I1", total: "1000.00")
        _ = World.capture(&ledger, id: "PAY1", invoice: "I1", amount: "1000.00")
        let chargeback = ChargebackDecisions.chargeback(chargebackId: "CB1", paymentId: "PAY1", amount: World.money("1000.00"), arn: nil,
                                                        reasonCode: nil, at: TestLedger.now, state: ledger.state)
        #expect(chargeback.events.map(\.streamId) == ["payment-PAY1", "subsidy-P1"])
        #expect(chargeback.events.first?.event.postings.last == Posting(account: "scheme/visa/settlement", currency: .hkd, amountMinor: -100_000))
        try! ledger.state.applyAccepted(chargeback.events)
        #expect(ledger.state.programs["P1"]?.budgetLeft == World.money("1000.00"))
        let reversal = ChargebackDecisions.chargebackReversal(chargebackId: "CB1", paymentId: "PAY1", at: TestLedger.now, state: ledger.state)
        try! ledger.state.applyAccepted(reversal.events)
        #expect(ledger.state.payments["PAY1"]?.refundable == World.money("1000.00"))
        let again = ChargebackDecisions.chargebackReversal(chargebackId: "CB1", paymentId: "PAY1", at: TestLedger.now, state: ledger.state)
        #expect(again.rejection?.code == "not_found")
    }

    func chargeback(_ ledger: inout TestLedger, _ id: String, payment: String, amount: String) {
        let decision = ChargebackDecisions.chargeback(chargebackId: id, paymentId: payment, amount: World.money(amount), arn: nil,
                                                      reasonCode: "10.4", at: TestLedger.now, state: ledger.state)
        precondition(decision.isAccepted, "\(decision)")
        ledger.record(decision)
    }

    func chargebackReversal(_ ledger: inout TestLedger, _ id: String, payment: String) -> Decision {
        let decision = ChargebackDecisions.chargebackReversal(chargebackId: id, paymentId: payment, at: TestLedger.now, state: ledger.state)
        ledger.record(decision)
        return decision
    }

    @Test func aChargebackReversalRestoresTheSubsidyItsChargebackReversed() throws {
        var ledger = TestLedger()
        World.setUp(&ledger)   // P1: budget 1000.00, 3%, cap 50.00
        _ = World.invoice(&ledger, id: "I1", total: "1000.00")
        _ = World.capture(&ledger, id: "PAY1", invoice: "I1", amount: "1000.00")    // 100000 × 300 / 10000 = 3000
        chargeback(&ledger, "CB1", payment: "PAY1", amount: "1000.00")               // reverses all 3000
        #expect(ledger.state.programs["P1"]?.budgetLeft.minorUnits == 100_000)
        let reversal = chargebackReversal(&ledger, "CB1", payment: "PAY1")
        #expect(reversal.events.map(\.streamId) == ["payment-PAY1", "subsidy-P1"])
        guard case .chargebackReversed(let reversed) = reversal.events.first?.event,
              case .subsidyRestored(let restored) = reversal.events.last?.event else {
            Issue.record("\(reversal)")
            return
        }
        #expect(reversed.subsidyRestored?.minorUnits == 3000)
        #expect(restored.amount.minorUnits == 3000 && restored.chargebackId == "CB1" && restored.paymentId == "PAY1")
        #expect(restored.postings == [
            Posting(account: "subsidy/P1/funder-receivable", currency: .hkd, amountMinor: 3000),
            Posting(account: "merchant/S1/payable", currency: .hkd, amountMinor: -3000),
        ])
        #expect(ledger.state.programs["P1"]?.budgetLeft.minorUnits == 97_000)
        #expect(ledger.state.payments["PAY1"]?.subsidyReversedMinor == 0)
        // As if the chargeback never happened: a full refund reverses the whole 30.00 again.
        let refund = ledger.run(.refundCardPayment(RefundCardPayment(refundId: "R1", paymentId: "PAY1", amount: DecimalAmount(text: "1000.00"),
                                                                     arn: World.arn(9))))
        guard case .subsidyReversed(let again) = refund.events.last?.event else {
            Issue.record("\(refund)")
            return
        }
        #expect(again.amount.minorUnits == 3000)
        #expect(ledger.state.programs["P1"]?.budgetLeft.minorUnits == 100_000)
        #expect(try ledger.replay().programs == ledger.state.programs)
        #expect(try ledger.replay().payments == ledger.state.payments)
    }

    @Test func aChargebackReversalRestoresOnlyWhatTheBudgetStillHasAndTheRestIsForfeited() throws {
        var ledger = TestLedger()
        World.setUp(&ledger, program: false)
        launch(&ledger, "P1", budget: "40.00", minSpend: "100.00")
        _ = World.invoice(&ledger, id: "I1", total: "1000.00")
        _ = World.invoice(&ledger, id: "I2", total: "1000.00")
        _ = World.capture(&ledger, id: "PAY1", invoice: "I1", amount: "1000.00")    // grant 3000; left 1000
        _ = ledger.run(.refundCardPayment(RefundCardPayment(refundId: "R1", paymentId: "PAY1", amount: DecimalAmount(text: "250.00"),
                                                            arn: World.arn(9))))     // 3000 × 25000/100000 = 750; left 1750
        chargeback(&ledger, "CB1", payment: "PAY1", amount: "500.00")                // round(3000 × 0.75) − 750 = 1500; left 3250
        _ = World.capture(&ledger, id: "PAY2", invoice: "I2", amount: "1000.00")    // min(3000, 5000, 3250) = 3000; left 250
        #expect(ledger.state.programs["P1"]?.budgetLeft.minorUnits == 250)
        let reversal = chargebackReversal(&ledger, "CB1", payment: "PAY1")
        guard case .chargebackReversed(let reversed) = reversal.events.first?.event,
              case .subsidyRestored(let restored) = reversal.events.last?.event else {
            Issue.record("\(reversal)")
            return
        }
        // 1500 was reversed by CB1; only 250 is left in the budget: 250 restored, 1250 forfeited.
        #expect(reversed.amount.minorUnits == 50_000)
        #expect(reversed.subsidyRestored?.minorUnits == 250 && restored.amount.minorUnits == 250)
        #expect(ledger.state.programs["P1"]?.budgetLeft.isZero == true)
        let payment = ledger.state.payments["PAY1"]
        #expect(payment?.subsidyForfeitedMinor == 1250 && payment?.subsidyReversedMinor == 750)
        // The merchant now holds 3000 − 750 − 1500 + 250 = 1000 of PAY1's subsidy; refunding the
        // rest (750.00) reverses exactly that (the last reversal takes the remainder).
        let refund = ledger.run(.refundCardPayment(RefundCardPayment(refundId: "R2", paymentId: "PAY1", amount: DecimalAmount(text: "750.00"),
                                                                     arn: World.arn(9))))
        guard case .subsidyReversed(let last) = refund.events.last?.event else {
            Issue.record("\(refund)")
            return
        }
        #expect(last.amount.minorUnits == 1000)
        #expect(ledger.state.programs["P1"]?.budgetLeft.minorUnits == 1000)
        #expect(try ledger.replay().payments == ledger.state.payments)
    }

    @Test func aChargebackReversalWithTheBudgetUsedUpRestoresNothingAndExpectsTheProgrammeUnchanged() {
        var ledger = TestLedger()
        World.setUp(&ledger, program: false)
        launch(&ledger, "P1", budget: "30.00")
        _ = World.invoice(&ledger, id: "I1", total: "1000.00")
        _ = World.invoice(&ledger, id: "I2", total: "1000.00")
        _ = World.capture(&ledger, id: "PAY1", invoice: "I1", amount: "1000.00")    // grant 3000: budget used up
        chargeback(&ledger, "CB1", payment: "PAY1", amount: "1000.00")               // 3000 back
        _ = World.capture(&ledger, id: "PAY2", invoice: "I2", amount: "1000.00")    // 3000 again: used up
        let reversal = chargebackReversal(&ledger, "CB1", payment: "PAY1")
        #expect(reversal.events.map(\.streamId) == ["payment-PAY1"])
        guard case .chargebackReversed(let reversed) = reversal.events.first?.event else {
            Issue.record("\(reversal)")
            return
        }
        #expect(reversed.subsidyRestored == nil)
        #expect(reversal.guards["subsidy-P1"] == ledger.state.version(of: "subsidy-P1"))
        #expect(ledger.state.payments["PAY1"]?.subsidyForfeitedMinor == 3000)
        #expect(ledger.state.programs["P1"]?.budgetLeft.isZero == true)
    }

    @Test func reversalsNeverExceedTheGrantAndSumToItWhenAllIsReturned() {
        #expect(SubsidyRules.reversal(grantedMinor: 5, reversedSoFarMinor: 0, capturedMinor: 8, returnedAfterMinor: 1) == 1)
        var reversed: Int64 = 0
        for step in 1...8 {
            reversed += SubsidyRules.reversal(grantedMinor: 5, reversedSoFarMinor: reversed, capturedMinor: 8, returnedAfterMinor: Int64(step))
            #expect(reversed <= 5)
        }
        #expect(reversed == 5)
    }
}
