import Testing
import Money
@testable import LedgerDomain

@Suite struct PaymentDecisionTests {
    @Test func captureBooksPaymentInvoiceAndSubsidyStreams() {
        var ledger = TestLedger()
        World.setUp(&ledger)
        _ = World.invoice(&ledger, id: "I1", total: "1000.00")
        let decision = World.capture(&ledger, id: "PAY1", invoice: "I1", amount: "1000.00")
        #expect(decision.events.map(\.streamId) == ["payment-PAY1", "invoice-I1", "subsidy-P1"])
        #expect(decision.events.map(\.expectedVersion) == [0, 1, 1])
        guard case .paymentCaptured(let captured) = decision.events[0].event else {
            Issue.record("\(decision)")
            return
        }
        // Commission 2.5% of 1000.00 = 25.00; subsidy 3% = 30.00 (cap 50).
        #expect(captured.commission == World.money("25.00"))
        #expect(captured.subsidy == World.money("30.00"))
        #expect(captured.postings == [
            Posting(account: "scheme/visa/clearing", currency: .hkd, amountMinor: 100_000),
            Posting(account: "buyer/B1/receivable", currency: .hkd, amountMinor: -100_000),
            Posting(account: "merchant/S1/pending", currency: .hkd, amountMinor: 100_000),
            Posting(account: "merchant/S1/payable", currency: .hkd, amountMinor: -97_500),
            Posting(account: "platform/revenue/commission", currency: .hkd, amountMinor: -2_500),
        ])
        #expect(decision.events[2].event.postings == [
            Posting(account: "subsidy/P1/funder-receivable", currency: .hkd, amountMinor: 3_000),
            Posting(account: "merchant/S1/payable", currency: .hkd, amountMinor: -3_000),
        ])
        #expect(ledger.state.invoices["I1"]?.status == .paid)
        #expect(ledger.state.programs["P1"]?.budgetLeft == World.money("970.00"))
    }

    @Test func commissionIsHalfEven() {
        var ledger = TestLedger()
        World.setUp(&ledger)
        _ = World.invoice(&ledger, id: "I1", seller: "S2", buyer: "B2", total: "100.00")
        // 1% of 0.50 = 0.005 → 0.00 (half-even); 1% of 1.50 = 0.015 → 0.02
        let first = World.capture(&ledger, id: "PAY1", invoice: "I1", amount: "0.50", binding: "C2")
        let second = World.capture(&ledger, id: "PAY2", invoice: "I1", amount: "1.50", binding: "C2")
        guard case .paymentCaptured(let a) = first.events.first?.event, case .paymentCaptured(let b) = second.events.first?.event else {
            Issue.record("not captured")
            return
        }
        #expect(a.commission.minorUnits == 0)
        #expect(b.commission.minorUnits == 2)
    }

    @Test func captureIsRejectedForUnknownOrMismatchedReferencesAndBeyondTheOpenAmount() {
        var ledger = TestLedger()
        World.setUp(&ledger)
        _ = World.invoice(&ledger, id: "I1", total: "100.00")
        _ = World.invoice(&ledger, id: "I2", buyer: "B2", total: "100.00")
        #expect(World.capture(&ledger, id: "PAY1", invoice: "NOPE", amount: "1.00").rejection?.code == "not_found")
        #expect(World.capture(&ledger, id: "PAY1", invoice: "I1", amount: "1.00", binding: "NOPE").rejection?.code == "not_found")
        let mismatch = World.capture(&ledger, id: "PAY1", invoice: "I2", amount: "1.00", binding: "C1")
        #expect(mismatch.rejection?.code == "binding_mismatch")
        #expect(mismatch.rejection?.field == "bindingId")
        let currency = World.capture(&ledger, id: "PAY1", invoice: "I1", amount: "1.00", currency: .usd)
        #expect(currency.rejection?.code == "currency_mismatch")
        let over = World.capture(&ledger, id: "PAY1", invoice: "I1", amount: "100.01")
        #expect(over.rejection?.code == "exceeds_open_amount")
        #expect(over.rejection?.message == #"CaptureCardPayment.amount "100.01": exceeds the invoice's open amount 100.00 HKD"#)
        #expect(World.capture(&ledger, id: "PAY1", invoice: "I1", amount: "60.00").isAccepted)
        #expect(World.capture(&ledger, id: "PAY1", invoice: "I1", amount: "1.00").rejection?.code == "already_exists")
        #expect(World.capture(&ledger, id: "PAY2", invoice: "I1", amount: "40.01").rejection?.code == "exceeds_open_amount")
        #expect(World.capture(&ledger, id: "PAY2", invoice: "I1", amount: "40.00").isAccepted)
        #expect(World.capture(&ledger, id: "PAY3", invoice: "I1", amount: "0.01").rejection?.code == "exceeds_open_amount")
    }

    @Test func bankTransferIsNotSubsidised() {
        var ledger = TestLedger()
        World.setUp(&ledger)
        _ = World.invoice(&ledger, id: "I1", total: "1000.00")
        let decision = ledger.run(.recordBankTransfer(RecordBankTransfer(paymentId: "PAY1", invoiceId: "I1", amount: World.money("400.00"),
                                                                         bankReference: "HSBC-1")))
        #expect(decision.events.map(\.streamId) == ["payment-PAY1", "invoice-I1"])
        #expect(decision.events[0].event.postings.first == Posting(account: "platform/bank/HKD", currency: .hkd, amountMinor: 40_000))
        #expect(ledger.state.invoices["I1"]?.status == .partiallyPaid)
        #expect(ledger.state.programs["P1"]?.grantedMinor == 0)
        let over = ledger.run(.recordBankTransfer(RecordBankTransfer(paymentId: "PAY2", invoiceId: "I1", amount: World.money("600.01"),
                                                                     bankReference: "HSBC-2")))
        #expect(over.rejection?.code == "exceeds_open_amount")
        let dup = ledger.run(.recordBankTransfer(RecordBankTransfer(paymentId: "PAY1", invoiceId: "I1", amount: World.money("1.00"),
                                                                    bankReference: "HSBC-2")))
        #expect(dup.rejection?.code == "already_exists")
    }

    @Test("a payment on an invoice credited in full is refused as beyond the open amount, saying the invoice is credited in full")
    func paymentOnAnInvoiceCreditedInFullSaysSo() {
        var ledger = TestLedger()
        World.setUp(&ledger)
        _ = World.invoice(&ledger, id: "I1", total: "100.00")
        #expect(ledger.run(.issueCreditNote(IssueCreditNote(creditNoteId: "CN1", invoiceId: "I1", amount: DecimalAmount(text: "100"),
                                                            reason: "returned"))).isAccepted)
        let transfer = ledger.run(.recordBankTransfer(RecordBankTransfer(paymentId: "PAY1", invoiceId: "I1", amount: World.money("1.00"),
                                                                         bankReference: "HSBC-1")))
        #expect(transfer.rejection?.code == "exceeds_open_amount")
        #expect(transfer.rejection?.message
                    == #"RecordBankTransfer.amount "1.00": exceeds the invoice's open amount 0.00 HKD (the invoice is credited in full)"#)
        let capture = World.capture(&ledger, id: "PAY2", invoice: "I1", amount: "1.00")
        #expect(capture.rejection?.message
                    == #"CaptureCardPayment.amount "1.00": exceeds the invoice's open amount 0.00 HKD (the invoice is credited in full)"#)
    }

    @Test func captureAsksForStreamsInTwoRounds() {
        var ledger = TestLedger()
        World.setUp(&ledger)
        _ = World.invoice(&ledger, id: "I1", total: "100.00")
        let envelope = CommandEnvelope(commandId: "x", command: .captureCardPayment(CaptureCardPayment(
            paymentId: "PAY1", invoiceId: "I1", bindingId: "C1", amount: World.money("10.00"), arn: World.arn(1),
            authCode: "ABC123", visaTransactionId: World.visaTransactionId(1))))
        // Replay the ledger's streams into a state that has loaded nothing yet.
        var state = LedgerState()
        #expect(decide(envelope, state: state, context: ledger.context) == .needs([
            .stream("payment-PAY1"), .stream("invoice-I1"), .stream("card-C1"), .stream("ledger-programs"), .allOfType("subsidy"),
            .stream("ledger-periods"),
        ]))
        func load(_ id: String) {
            for (index, event) in (ledger.streams[id] ?? []).enumerated() {
                try! state.apply(streamId: id, streamVersion: Int64(index + 1), event: event)
            }
            state.markLoaded(id)
        }
        load("payment-PAY1"); load("invoice-I1"); load("card-C1"); load("subsidy-P1"); load("ledger-programs"); load("ledger-periods")
        state.markLoaded(allOfType: "subsidy")
        #expect(decide(envelope, state: state, context: ledger.context) == .needs([.stream("party-S1"), .stream("party-B1")]))
        load("party-S1"); load("party-B1")
        #expect(decide(envelope, state: state, context: ledger.context).isAccepted)
    }
}
