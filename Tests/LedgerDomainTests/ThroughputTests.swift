import Foundation
import Testing
import Money
@testable import LedgerDomain

/// Decode + decide + apply throughput on a capture-heavy workload. Runs only with LEDGER_BENCH=1
/// (meaningful in release: `LEDGER_BENCH=1 swift test -c release --filter ThroughputTests`).
@Suite struct ThroughputTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["LEDGER_BENCH"] == "1"))
    func captureHeavyWorkloadIsAllAcceptedAndItsRatesPrinted() throws {
        var ledger = TestLedger()
        World.setUp(&ledger)
        let count = 100_000
        var lines: [[UInt8]] = []
        lines.reserveCapacity(count)
        for index in 0..<count {
            let command: Command = index % 2 == 0
                ? .issueInvoice(IssueInvoice(invoiceId: "I\(index)", sellerId: "S1", buyerId: "B1", currency: .hkd,
                                             lines: [InvoiceLine(description: "Widgets", quantity: 2, unitPrice: World.money("150.25"))],
                                             issueDate: World.day("2026-05-15"), dueDate: World.day("2026-06-14")))
                : .captureCardPayment(CaptureCardPayment(paymentId: "P\(index)", invoiceId: "I\(index - 1)", bindingId: "C1",
                                                         amount: World.money("300.50"), arn: World.arn(index), authCode: "ABC123",
                                                         visaTransactionId: World.visaTransactionId(index)))
            lines.append(CommandEnvelope(commandId: "c\(index)", command: command).commandJSON())
        }
        let start = Date()
        var envelopes: [CommandEnvelope] = []
        envelopes.reserveCapacity(count)
        for line in lines { envelopes.append(try CommandDecoder.decode(line, tokenKey: TestLedger.tokenKey)) }
        let decoded = Date()
        var accepted = 0
        var bodyBytes = 0
        for envelope in envelopes {
            if case .accepted(let events, _) = ledger.run(envelope) {
                accepted += 1
                for pending in events { bodyBytes += pending.event.canonicalJSON().count }
            }
        }
        let end = Date()
        let decodeRate = Double(count) / decoded.timeIntervalSince(start)
        let decideRate = Double(count) / end.timeIntervalSince(decoded)
        print("decode \(Int(decodeRate))/s, decide+apply+encode \(Int(decideRate))/s, accepted \(accepted), body bytes \(bodyBytes)")
        #expect(accepted == count)
    }
}
