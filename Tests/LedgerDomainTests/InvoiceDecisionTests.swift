import Testing
import Money
@testable import LedgerDomain

@Suite struct InvoiceDecisionTests {
    @Test func issuesAnInvoiceWithAnExactTotalAndPostings() {
        var ledger = TestLedger()
        World.setUp(&ledger)
        let decision = ledger.run(.issueInvoice(IssueInvoice(
            invoiceId: "I1", sellerId: "S1", buyerId: "B1", currency: .hkd,
            lines: [InvoiceLine(description: "a", quantity: 3, unitPrice: World.money("0.10")),
                    InvoiceLine(description: "b", quantity: 2, unitPrice: World.money("1234.55"))],
            issueDate: World.day("2026-05-15"), dueDate: World.day("2026-06-14"))))
        guard case .invoiceIssued(let issued) = decision.events.first?.event else {
            Issue.record("not issued: \(decision)")
            return
        }
        #expect(issued.total == World.money("2469.40"))
        #expect(issued.postings == [
            Posting(account: "buyer/B1/receivable", currency: .hkd, amountMinor: 246_940),
            Posting(account: "merchant/S1/pending", currency: .hkd, amountMinor: -246_940),
        ])
        #expect(ledger.state.invoices["I1"]?.status == .issued)
    }

    @Test func invoiceIsRejectedForDuplicateIdWrongRoleUnknownPartyZeroTotalAndOverflow() {
        var ledger = TestLedger()
        World.setUp(&ledger)
        #expect(World.invoice(&ledger, id: "I1").isAccepted)
        #expect(World.invoice(&ledger, id: "I1").rejection?.code == "already_exists")
        #expect(World.invoice(&ledger, id: "I2", seller: "B1").rejection?.code == "wrong_role")
        #expect(World.invoice(&ledger, id: "I2", buyer: "S2").rejection?.code == "wrong_role")
        #expect(World.invoice(&ledger, id: "I2", seller: "NOPE").rejection?.code == "not_found")
        #expect(World.invoice(&ledger, id: "I2", total: "0.00").rejection?.field == "lines")
        let overflow = ledger.run(.issueInvoice(IssueInvoice(
            invoiceId: "I3", sellerId: "S1", buyerId: "B1", currency: .hkd,
            lines: [InvoiceLine(description: "a", quantity: 1_000_000, unitPrice: World.money("92233720368547.75"))],
            issueDate: World.day("2026-05-15"), dueDate: World.day("2026-06-14"))))
        #expect(overflow.rejection?.code == "amount_overflow")
        #expect(overflow.rejection?.field == "lines")
    }

    @Test func creditNotesReduceTheOpenAmount() {
        var ledger = TestLedger()
        World.setUp(&ledger)
        _ = World.invoice(&ledger, id: "I1", total: "100.00")
        let credit = ledger.run(.issueCreditNote(IssueCreditNote(creditNoteId: "CN1", invoiceId: "I1", amount: DecimalAmount(text: "30"),
                                                                 reason: "damaged")))
        #expect(credit.events.map(\.streamId) == ["invoice-I1"])
        #expect(credit.events.first?.expectedVersion == 1)
        #expect(credit.events.first?.event.postings == [
            Posting(account: "merchant/S1/pending", currency: .hkd, amountMinor: 3000),
            Posting(account: "buyer/B1/receivable", currency: .hkd, amountMinor: -3000),
        ])
        #expect(ledger.state.invoices["I1"]?.open == World.money("70.00"))
        #expect(ledger.state.invoices["I1"]?.status == .partiallyPaid)
        let again = ledger.run(.issueCreditNote(IssueCreditNote(creditNoteId: "CN1", invoiceId: "I1", amount: DecimalAmount(text: "1"), reason: "x")))
        #expect(again.rejection?.code == "already_exists")
        let tooMuch = ledger.run(.issueCreditNote(IssueCreditNote(creditNoteId: "CN2", invoiceId: "I1", amount: DecimalAmount(text: "70.01"), reason: "x")))
        #expect(tooMuch.rejection?.code == "exceeds_open_amount")
        let places = ledger.run(.issueCreditNote(IssueCreditNote(creditNoteId: "CN2", invoiceId: "I1", amount: DecimalAmount(text: "1.234"), reason: "x")))
        #expect(places.rejection?.message == #"IssueCreditNote.amount "1.234": HKD has 2 decimal places"#)
        let currency = ledger.run(.issueCreditNote(IssueCreditNote(creditNoteId: "CN2", invoiceId: "I1", amount: DecimalAmount(text: "1"),
                                                                   currency: .usd, reason: "x")))
        #expect(currency.rejection?.code == "currency_mismatch")
        let missing = ledger.run(.issueCreditNote(IssueCreditNote(creditNoteId: "CN2", invoiceId: "I9", amount: DecimalAmount(text: "1"), reason: "x")))
        #expect(missing.rejection?.code == "not_found")
        let rest = ledger.run(.issueCreditNote(IssueCreditNote(creditNoteId: "CN3", invoiceId: "I1", amount: DecimalAmount(text: "70"), reason: "x")))
        #expect(rest.isAccepted)
        #expect(ledger.state.invoices["I1"]?.status == .paid)
    }

    @Test func overdueAfterTheDueDate() {
        var ledger = TestLedger()
        World.setUp(&ledger)
        _ = World.invoice(&ledger, id: "I1", total: "100.00")
        let invoice = ledger.state.invoices["I1"]!
        #expect(invoice.status(asOf: World.day("2026-06-14")) == .issued)
        #expect(invoice.status(asOf: World.day("2026-06-15")) == .overdue)
    }
}
