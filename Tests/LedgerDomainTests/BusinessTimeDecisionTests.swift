import Testing
import Money
@testable import LedgerDomain

/// Business time bounds (issue #12 item 2): not too far ahead of the database clock, never in a
/// closed period; closing periods is monotonic and only for days that have ended.
@Suite struct BusinessTimeDecisionTests {
    static func time(_ text: String) -> Timestamp { try! Timestamp(rfc3339: text) }

    func party(_ ledger: inout TestLedger, _ id: String, at: Timestamp?) -> Decision {
        ledger.run(.registerParty(RegisterParty(partyId: id, name: "Party \(id)", kind: .smb, roles: [.buyer], country: "HK")), at: at)
    }

    func close(_ ledger: inout TestLedger, _ day: String, now: Timestamp = TestLedger.now) -> PeriodDecisions.Outcome {
        ledger.state.markLoaded("ledger-periods")   // the test ledger has folded every event already
        let outcome = PeriodDecisions.close(through: World.day(day), now: now, state: ledger.state)
        if case .decided(let decision) = outcome { ledger.record(decision) }
        return outcome
    }

    @Test func businessTimeMoreThanTheSkewAheadOfTheDatabaseClockIsRejected() {
        var ledger = TestLedger()
        ledger.context.futureSkewSeconds = 300
        let now = TestLedger.now   // 2026-05-15T02:00:00Z
        #expect(party(&ledger, "A", at: now.adding(seconds: 300)).isAccepted)
        let late = party(&ledger, "B", at: now.adding(microseconds: 300_000_001))
        #expect(late.rejection?.code == "future_business_time")
        #expect(late.rejection?.field == "at")
        #expect(late.rejection?.message == "RegisterParty.at: lies more than 300 s ahead of the database clock: the latest business time accepted now is 2026-05-15T02:05:00Z")
        #expect(party(&ledger, "C", at: Self.time("2031-01-01T00:00:00Z")).rejection?.code == "future_business_time")
        #expect(party(&ledger, "D", at: nil).isAccepted)   // no `at`: now
        ledger.context.futureSkewSeconds = 0
        #expect(party(&ledger, "E", at: now.adding(microseconds: 1)).rejection?.code == "future_business_time")
        #expect(party(&ledger, "F", at: now).isAccepted)
    }

    @Test func aClosedPeriodRejectsBusinessTimeOnOrBeforeTheEndOfItsDateInUTC() {
        var ledger = TestLedger()
        World.setUp(&ledger)
        guard case .decided(let decision) = close(&ledger, "2026-05-14") else {
            Issue.record("not decided")
            return
        }
        #expect(decision.events.map(\.streamId) == ["ledger-periods"] && decision.events.first?.expectedVersion == 0)
        #expect(ledger.state.closedThrough == World.day("2026-05-14"))
        let lastMoment = party(&ledger, "X1", at: Self.time("2026-05-14T23:59:59.999999Z"))
        #expect(lastMoment.rejection?.code == "period_closed" && lastMoment.rejection?.field == "at")
        #expect(lastMoment.rejection?.message == "RegisterParty.at: falls in a closed period: the ledger is closed through 2026-05-14 (UTC), so business time must be after 2026-05-14T23:59:59.999999Z")
        // 07:59:59 in Hong Kong is still 2026-05-14 in UTC.
        #expect(party(&ledger, "X2", at: Self.time("2026-05-15T07:59:59+08:00")).rejection?.code == "period_closed")
        #expect(party(&ledger, "X3", at: Self.time("2026-05-15T00:00:00Z")).isAccepted)
        #expect(party(&ledger, "X4", at: nil).isAccepted)   // now: after every closed date
        // Every kind of command is bounded, and a rejection appends nothing.
        let before = ledger.order.count
        let capture = World.capture(&ledger, id: "PAY1", invoice: "NOPE", amount: "10.00", at: Self.time("2026-05-01T00:00:00Z"))
        #expect(capture.rejection?.code == "period_closed")
        #expect(ledger.order.count == before)
    }

    @Test func everyAcceptedCommandExpectsThePeriodStreamItWasDecidedAgainst() {
        var ledger = TestLedger()
        #expect(party(&ledger, "A", at: nil).guards == ["ledger-periods": 0])
        _ = close(&ledger, "2026-05-10")
        _ = close(&ledger, "2026-05-11")
        #expect(party(&ledger, "B", at: nil).guards == ["ledger-periods": 2])
    }

    @Test func closingIsMonotonicAndOnlyForDaysThatHaveEnded() throws {
        var ledger = TestLedger()
        let now = Self.time("2026-05-15T00:00:00.000001Z")
        guard case .decided(let today) = close(&ledger, "2026-05-15", now: now) else {
            Issue.record("not decided")
            return
        }
        #expect(today.rejection?.code == "period_not_ended" && today.rejection?.field == "through")
        #expect(today.rejection?.message.contains("2026-05-15 has not ended yet") == true)
        guard case .decided(let yesterday) = close(&ledger, "2026-05-14", now: now) else {
            Issue.record("not decided")
            return
        }
        #expect(yesterday.isAccepted)
        #expect(close(&ledger, "2026-05-14", now: now) == .alreadyClosed(through: World.day("2026-05-14")))
        #expect(close(&ledger, "2026-04-30", now: now) == .alreadyClosed(through: World.day("2026-05-14")))
        #expect(ledger.order.count == 1)
        // A replay refuses a period stream whose dates do not increase.
        var state = try ledger.replay()
        let earlier = DomainEvent.periodClosed(PeriodClosed(through: World.day("2026-05-01"), effectiveAt: now))
        #expect(throws: ReplayError.self) { try state.apply(streamId: "ledger-periods", streamVersion: 2, event: earlier) }
    }
}
