import Testing
import Money
@testable import LedgerDomain

@Suite struct ReplayTests {
    let at = TestLedger.now
    func hkd(_ text: String) -> Amount { World.money(text) }

    func invoiceState() -> LedgerState {
        var state = LedgerState()
        let issued = InvoiceIssued(invoiceId: "I1", sellerId: "S1", buyerId: "B1", currency: .hkd,
                                   lines: [InvoiceLine(description: "x", quantity: 1, unitPrice: hkd("10.00"))], total: hkd("10.00"),
                                   issueDate: World.day("2026-05-15"), dueDate: World.day("2026-05-20"), effectiveAt: at)
        try! state.apply(streamId: "invoice-I1", streamVersion: 1, event: .invoiceIssued(issued))
        return state
    }

    @Test func versionsMustFollowWithoutGaps() {
        var state = invoiceState()
        let applied = DomainEvent.invoicePaymentApplied(InvoicePaymentApplied(invoiceId: "I1", paymentId: "P", amount: hkd("1.00"),
                                                                              method: .card, effectiveAt: at))
        #expect(throws: ReplayError.self) { try state.apply(streamId: "invoice-I1", streamVersion: 3, event: applied) }
        #expect(throws: ReplayError.self) { try state.apply(streamId: "invoice-I2", streamVersion: 1, event: applied) }
        try? state.apply(streamId: "invoice-I1", streamVersion: 2, event: applied)
        #expect(state.version(of: "invoice-I1") == 2)
    }

    @Test func anOverpaidInvoiceFailsOnReplay() {
        var state = invoiceState()
        let over = DomainEvent.invoicePaymentApplied(InvoicePaymentApplied(invoiceId: "I1", paymentId: "P", amount: hkd("10.01"),
                                                                           method: .card, effectiveAt: at))
        #expect(throws: ReplayError.self) { try state.apply(streamId: "invoice-I1", streamVersion: 2, event: over) }
        #expect(state.invoices["I1"]?.paidMinor == 0)
        #expect(state.version(of: "invoice-I1") == 1)
    }

    @Test("a payment on an invoice with nothing open fails on replay naming what closed it: credit notes, payments or both")
    func aPaymentOnAClosedInvoiceFailsOnReplaySayingWhatClosedIt() {
        func credit(_ id: String, _ amount: String) -> DomainEvent {
            .creditNoteIssued(CreditNoteIssued(creditNoteId: id, invoiceId: "I1", sellerId: "S1", buyerId: "B1", amount: hkd(amount),
                                               reason: "returned", effectiveAt: at))
        }
        func pay(_ id: String, _ amount: String) -> DomainEvent {
            .invoicePaymentApplied(InvoicePaymentApplied(invoiceId: "I1", paymentId: id, amount: hkd(amount), method: .bankTransfer,
                                                         effectiveAt: at))
        }
        func failure(_ state: LedgerState, version: Int64) -> String? {
            var state = state
            do throws(ReplayError) { try state.apply(streamId: "invoice-I1", streamVersion: version, event: pay("P9", "1.00")) } catch { return error.message }
            return nil
        }
        var credited = invoiceState()
        try! credited.apply(streamId: "invoice-I1", streamVersion: 2, event: credit("CN1", "10.00"))
        #expect(failure(credited, version: 3) == "invoice I1 is credited in full: nothing is open to pay")

        var paid = invoiceState()
        try! paid.apply(streamId: "invoice-I1", streamVersion: 2, event: pay("P1", "10.00"))
        #expect(failure(paid, version: 3) == "invoice I1 is paid in full: nothing is open to pay")

        var both = invoiceState()
        try! both.apply(streamId: "invoice-I1", streamVersion: 2, event: pay("P1", "4.00"))
        try! both.apply(streamId: "invoice-I1", streamVersion: 3, event: credit("CN1", "6.00"))
        #expect(failure(both, version: 4) == "invoice I1 is closed by payments and credit notes: nothing is open to pay")
    }

    @Test func unbalancedPostingsFailOnReplay() {
        var state = LedgerState()
        let raised = ReconciliationExceptionRaised(exceptionId: "E1", outcome: "x", description: "x", fileId: nil, recordNumber: nil,
                                                   paymentId: nil, postings: [Posting(account: Account.reconSuspense, currency: .hkd, amountMinor: 1)],
                                                   effectiveAt: at)
        #expect(throws: ReplayError.self) {
            try state.apply(streamId: "recon-exception-E1", streamVersion: 1, event: .reconciliationExceptionRaised(raised))
        }
        #expect(throws: Postings.Unbalanced.self) { try Postings.checkBalanced(raised.postings) }
    }

    @Test func overspentBudgetFailsOnReplay() {
        var ledger = TestLedger()
        World.setUp(&ledger)
        let grant = DomainEvent.subsidyGranted(SubsidyGranted(programId: "P1", paymentId: "X", sellerId: "S1", amount: hkd("1000.01"), effectiveAt: at))
        #expect(throws: ReplayError.self) { try ledger.state.apply(streamId: "subsidy-P1", streamVersion: 2, event: grant) }
    }

    @Test func staleDecisionsAreRefused() {
        var ledger = TestLedger()
        World.setUp(&ledger)
        _ = World.invoice(&ledger, id: "I1", total: "100.00")
        let envelope = CommandEnvelope(commandId: "x", command: .captureCardPayment(CaptureCardPayment(
            paymentId: "PAY1", invoiceId: "I1", bindingId: "C1", amount: World.money("10.00"), arn: World.arn(1),
            authCode: "ABC123", visaTransactionId: World.visaTransactionId(1))))
        _ = World.capture(&ledger, id: "PAY0", invoice: "I1", amount: "1.00")
        ledger.state.markLoaded("payment-PAY1")
        let decision = decide(envelope, state: ledger.state, context: ledger.context)
        #expect(decision.isAccepted)
        _ = World.capture(&ledger, id: "PAY2", invoice: "I1", amount: "5.00")
        #expect(throws: ReplayError.self) { try ledger.state.applyAccepted(decision.events) }
    }

    @Test func bulkDecisionsSeeEarlierEffects() {
        var ledger = TestLedger()
        World.setUp(&ledger)
        _ = World.invoice(&ledger, id: "I1", total: "100.00")
        let first = World.capture(&ledger, id: "PAY1", invoice: "I1", amount: "60.00")
        let second = World.capture(&ledger, id: "PAY2", invoice: "I1", amount: "60.00")
        #expect(first.isAccepted)
        #expect(second.rejection?.code == "exceeds_open_amount")
        #expect(ledger.state.version(of: "invoice-I1") == 2)
        #expect(ledger.state.version(of: "subsidy-P1") == 1)  // 60.00 < no: minSpend 100 → no grant
    }
}
