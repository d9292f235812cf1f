import Testing
import Money
@testable import LedgerDomain

@Suite struct ExceptionDecisionTests {
    func raise(_ ledger: inout TestLedger, _ id: String, suspense: Int64) {
        let event = ReconciliationExceptionRaised(
            exceptionId: id, outcome: "amount_mismatch", description: "file 98.00, ledger 100.00", fileId: "abc", recordNumber: 7,
            paymentId: "PAY1", postings: [
                Posting(account: Account.visaSettlement, currency: .hkd, amountMinor: 9_800),
                Posting(account: Account.visaClearing, currency: .hkd, amountMinor: -(9_800 + suspense)),
                Posting(account: Account.reconSuspense, currency: .hkd, amountMinor: suspense),
            ], effectiveAt: TestLedger.now)
        try! ledger.state.applyAccepted([PendingEvent(streamId: event.streamId, expectedVersion: 0, event: .reconciliationExceptionRaised(event))])
    }

    func resolve(_ ledger: inout TestLedger, _ id: String, _ resolution: ExceptionResolution, amount: String? = nil) -> Decision {
        ledger.run(.resolveException(ResolveException(exceptionId: id, resolution: resolution, note: "checked",
                                                      amount: amount.map { DecimalAmount(text: $0) })))
    }

    @Test func resolutionsClearTheSuspense() {
        var ledger = TestLedger()
        raise(&ledger, "E1", suspense: 200)
        raise(&ledger, "E2", suspense: 200)
        raise(&ledger, "E3", suspense: -200)
        #expect(resolve(&ledger, "E1", .accept).events.first?.event.postings == [
            Posting(account: "recon/suspense", currency: .hkd, amountMinor: -200),
            Posting(account: "platform/expense/recon-differences", currency: .hkd, amountMinor: 200),
        ])
        #expect(resolve(&ledger, "E2", .writeOff).events.first?.event.postings.last?.account == "platform/expense/write-offs")
        #expect(resolve(&ledger, "E3", .adjust, amount: "1.50").events.first?.event.postings == [
            Posting(account: "recon/suspense", currency: .hkd, amountMinor: 200),
            Posting(account: "scheme/visa/clearing", currency: .hkd, amountMinor: -150),
            Posting(account: "platform/expense/recon-differences", currency: .hkd, amountMinor: -50),
        ])
        #expect(ledger.state.exceptions["E1"]?.isResolved == true)
    }

    @Test func resolutionIsRejectedForUnknownIdWrongAmountAndASecondTime() {
        var ledger = TestLedger()
        raise(&ledger, "E1", suspense: 200)
        #expect(resolve(&ledger, "NOPE", .accept).rejection?.code == "not_found")
        #expect(resolve(&ledger, "E1", .adjust, amount: "2.01").rejection?.field == "amount")
        #expect(resolve(&ledger, "E1", .accept).isAccepted)
        #expect(resolve(&ledger, "E1", .accept).rejection?.code == "already_resolved")
    }
}
