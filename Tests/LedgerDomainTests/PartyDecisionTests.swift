import Testing
import Money
@testable import LedgerDomain

@Suite struct PartyDecisionTests {
    @Test func registersAPartyOnItsOwnStream() {
        var ledger = TestLedger()
        let decision = ledger.run(.registerParty(RegisterParty(partyId: "B1", name: "Kowloon", kind: .smb, roles: [.buyer], country: "HK")))
        #expect(decision.events.map(\.streamId) == ["party-B1"])
        #expect(decision.events.first?.expectedVersion == 0)
        #expect(ledger.state.parties["B1"]?.country == "HK")
        #expect(ledger.state.version(of: "party-B1") == 1)
    }

    @Test func secondRegistrationOfAnIdIsRejected() {
        var ledger = TestLedger()
        World.setUp(&ledger)
        let decision = ledger.run(.registerParty(RegisterParty(partyId: "B1", name: "Other", kind: .smb, roles: [.buyer], country: "HK")))
        #expect(decision.rejection?.code == "already_exists")
        #expect(decision.rejection?.field == "partyId")
    }

    @Test func aFreshStateAsksForTheStreamFirst() {
        let envelope = CommandEnvelope(commandId: "c1", command: .registerParty(RegisterParty(
            partyId: "B1", name: "K", kind: .smb, roles: [.buyer], country: "HK")))
        var state = LedgerState()
        // Its own stream, and the period stream every command's business time is checked against.
        #expect(decide(envelope, state: state, context: TestLedger().context) == .needs([.stream("party-B1"), .stream("ledger-periods")]))
        state.markLoaded("party-B1")
        state.markLoaded("ledger-periods")
        #expect(decide(envelope, state: state, context: TestLedger().context).isAccepted)
    }

    @Test func bindsACardAsAnHMACOfTheToken() {
        var ledger = TestLedger()
        World.setUp(&ledger)
        guard let bound = ledger.state.cards["C1"] else {
            Issue.record("no card")
            return
        }
        #expect(bound.tokenRef == TokenRef.make(token: "4895370012345678", key: TestLedger.tokenKey))
        #expect(bound.tokenRef.count == 64)
        let body = String(decoding: DomainEvent.cardBound(bound).canonicalJSON(), as: UTF8.self)
        #expect(!body.contains("4895370012345678"))
    }

    @Test func cardBindingIsRejectedForDuplicateUnknownPartySellerAndExpiredCard() {
        var ledger = TestLedger()
        World.setUp(&ledger)
        let expiry = CardExpiry(month: 1, year: 2030)!
        let duplicate = ledger.run(.bindCard(BindCard(bindingId: "C1", partyId: "B1", token: "4000000000000002", panLast4: "0002", expiry: expiry)))
        #expect(duplicate.rejection?.code == "already_exists")
        let unknown = ledger.run(.bindCard(BindCard(bindingId: "C9", partyId: "NOPE", token: "4000000000000002", panLast4: "0002", expiry: expiry)))
        #expect(unknown.rejection?.code == "not_found")
        #expect(unknown.rejection?.field == "partyId")
        let seller = ledger.run(.bindCard(BindCard(bindingId: "C9", partyId: "S1", token: "4000000000000002", panLast4: "0002", expiry: expiry)))
        #expect(seller.rejection?.code == "wrong_role")
        let expired = ledger.run(.bindCard(BindCard(bindingId: "C9", partyId: "B1", token: "4000000000000002", panLast4: "0002",
                                                   expiry: CardExpiry(month: 4, year: 2026)!)))
        #expect(expired.rejection?.field == "expiry")
    }

    @Test func programmeNeedsAFunder() {
        var ledger = TestLedger()
        World.setUp(&ledger)
        func launch(_ id: String, funder: String) -> Decision {
            ledger.run(.launchSubsidyProgram(LaunchSubsidyProgram(
                programId: id, funderId: funder, currency: .hkd, budget: World.money("10.00"), rateBps: 100,
                capPerPayment: World.money("1.00"), minSpend: World.money("0.00"), buyerCountries: ["HK"],
                validFrom: World.day("2026-01-01"), validTo: World.day("2026-12-31"))))
        }
        #expect(launch("P2", funder: "B1").rejection?.code == "wrong_role")
        #expect(launch("P2", funder: "X").rejection?.code == "not_found")
        #expect(launch("P1", funder: "VISA").rejection?.code == "already_exists")
        #expect(launch("P2", funder: "VISA").isAccepted)
    }

    @Test func fxRatesAppendToThePairStream() throws {
        var ledger = TestLedger()
        let first = ledger.run(.recordFxRate(RecordFxRate(base: .hkd, quote: .cny, rate: try FxRate(parsing: "0.92"),
                                                          asOf: try Timestamp(rfc3339: "2026-05-14T00:00:00Z"), source: "ECB")))
        let second = ledger.run(.recordFxRate(RecordFxRate(base: .hkd, quote: .cny, rate: try FxRate(parsing: "0.93"),
                                                           asOf: try Timestamp(rfc3339: "2026-05-15T00:00:00Z"), source: "ECB")))
        #expect(first.events.first?.streamId == "fxrate-HKDCNY")
        #expect(second.events.first?.expectedVersion == 1)
        let rate = ledger.state.fxRate(base: .hkd, quote: .cny, asOf: try Timestamp(rfc3339: "2026-05-14T12:00:00Z"))
        #expect(rate?.rate == (try FxRate(parsing: "0.92")))
        #expect(ledger.state.fxRate(base: .hkd, quote: .cny, asOf: try Timestamp(rfc3339: "2026-05-13T12:00:00Z")) == nil)
    }
}
