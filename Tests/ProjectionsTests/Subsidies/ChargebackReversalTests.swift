import EventStore
import LedgerDomain
import Money
import Projections
import TestSupport
import Testing
@testable import TradeLedgerKit

/// A chargeback and its reversal (TC 35) through the store and the projections: the restored
/// subsidy is back with the merchant and out of the budget again.
@Suite("Chargeback reversal in the projections") struct ChargebackProjectionTests {
    static func append(_ store: EventStore, _ commandId: String, _ decision: Decision) throws {
        guard case .accepted(let pending, let guards) = decision else { preconditionFailure("\(decision)") }
        _ = try store.appendBulk([AppendRequest(commandId: commandId, requestHash: Array(repeating: 1, count: 32), decided: pending, guards: guards)])
    }

    static func state(_ store: EventStore, payment: String) throws -> LedgerState {
        var state = LedgerState()
        try StateLoader(store: store).load([.stream(StreamID.payment(payment)), .stream(StreamID.subsidy("P1"))], into: &state)
        return state
    }

    @Test("after a chargeback and its reversal the subsidies projection shows the grant restored: reversed nets to 0.00, remaining 97.00, the merchant holds 3.00")
    func restoredSubsidyInTheProjections() throws {
        try TestDatabase.with { url in
            try submit(url, (Cmd.setup + [
                Cmd.invoice("I1", price: "100.00", at: "2026-05-15T01:00:00Z", n: "i1"),
                Cmd.capture("PAY1", invoice: "I1", amount: "100.00", at: "2026-05-15T02:00:00Z", n: "c1"),   // 3% = 3.00
            ]).joined(separator: "\n"))
            let store = try TestDatabase.openStore(url)
            let at = try Timestamp(rfc3339: "2026-05-16T02:00:00Z")
            try Self.append(store, "cb1", ChargebackDecisions.chargeback(
                chargebackId: "CB1", paymentId: "PAY1", amount: Amount(minorUnits: 10_000, currency: .hkd), arn: nil, reasonCode: "10.4",
                at: at, state: try Self.state(store, payment: "PAY1")))
            let q = ProjectionQueries(connection: store.connection, ledgerId: "main")
            try ProjectionRunner(store: store).catchUp(ProjectionName.allCases)
            #expect(try q.subsidyPrograms()[0].remaining.minorUnits == 10_000)
            try Self.append(store, "cbr1", ChargebackDecisions.chargebackReversal(
                chargebackId: "CB1", paymentId: "PAY1", at: at.adding(seconds: 3600), state: try Self.state(store, payment: "PAY1")))
            try ProjectionRunner(store: store).catchUp(ProjectionName.allCases)
            let program = try q.subsidyPrograms()[0]
            #expect(program.granted.minorUnits == 300 && program.reversed.minorUnits == 0 && program.remaining.minorUnits == 9_700)
            #expect(program.grants == 1)
            #expect(try q.merchantSubsidies().map(\.net.minorUnits) == [300])
            let receivable = try q.balances(accountPrefix: "subsidy/P1/funder-receivable")
            #expect(receivable.map(\.balance.minorUnits) == [300])
            _ = try ProjectionVerifier(store: store).run()
        }
    }
}
