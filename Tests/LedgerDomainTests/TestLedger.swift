import Money
@testable import LedgerDomain

/// A ledger for tests: one state that has seen every accepted event, so a `.needs` is answered by
/// marking the streams loaded (their events are already folded in). Also keeps every event per
/// stream, like a store, for replay checks.
struct TestLedger {
    static let tokenKey: [UInt8] = Array("test-only-token-key-not-for-production".utf8)
    static let now = try! Timestamp(rfc3339: "2026-05-15T10:00:00+08:00")

    var state = LedgerState()
    var streams: [String: [DomainEvent]] = [:]
    var order: [PendingEvent] = []
    var commandCount = 0
    var context = DecisionContext(now: TestLedger.now, tokenKey: TestLedger.tokenKey)

    /// Decides, answering `.needs` until the decision is final; applies accepted events.
    @discardableResult
    mutating func run(_ command: Command, at: Timestamp? = nil, commandId: String? = nil) -> Decision {
        commandCount += 1
        let envelope = CommandEnvelope(commandId: commandId ?? "cmd-\(commandCount)", at: at, command: command, tokenKey: TestLedger.tokenKey)
        return run(envelope)
    }

    mutating func run(_ envelope: CommandEnvelope) -> Decision {
        for _ in 0..<4 {
            let decision = decide(envelope, state: state, context: context)
            switch decision {
            case .needs(let needs):
                for need in needs {
                    switch need {
                    case .stream(let id): state.markLoaded(id)
                    case .allOfType(let type): state.markLoaded(allOfType: type)
                    }
                }
            case .accepted(let events, _):
                try! state.applyAccepted(events)
                for pending in events {
                    streams[pending.streamId, default: []].append(pending.event)
                    order.append(pending)
                }
                return decision
            case .rejected:
                return decision
            }
        }
        preconditionFailure("decision kept asking for streams")
    }

    /// Applies a decision made outside `run` (chargebacks); accepted events are kept like `run`'s.
    mutating func record(_ decision: Decision) {
        guard case .accepted(let events, _) = decision else { return }
        try! state.applyAccepted(events)
        for pending in events {
            streams[pending.streamId, default: []].append(pending.event)
            order.append(pending)
        }
    }

    /// Replays every stream into a fresh state (stream by stream) and returns it.
    func replay() throws -> LedgerState {
        var fresh = LedgerState()
        for (streamId, events) in streams.sorted(by: { $0.key < $1.key }) {
            for (index, event) in events.enumerated() {
                let decoded = try DomainEvent.decode(eventType: event.eventType, schemaVersion: event.schemaVersion,
                                                     body: event.canonicalJSON())
                try fresh.apply(streamId: streamId, streamVersion: Int64(index + 1), event: decoded)
            }
        }
        return fresh
    }
}

extension Decision {
    var rejection: CommandRejection? {
        if case .rejected(let rejection) = self { return rejection }
        return nil
    }

    var events: [PendingEvent] {
        if case .accepted(let events, _) = self { return events }
        return []
    }

    var guards: [String: Int64] {
        if case .accepted(_, let guards) = self { return guards }
        return [:]
    }

    var isAccepted: Bool {
        if case .accepted = self { return true }
        return false
    }
}

/// The standard cast: seller S1 (CN enterprise, HKD settlement, 2.5% commission), seller S2 (CN
/// smb, 1%), buyer B1 (HK), buyer B2 (US), funder VISA, a card for B1 and one for B2.
enum World {
    static func money(_ text: String, _ currency: Currency = .hkd) -> Amount { try! Amount(parsing: text, currency: currency) }
    static func day(_ text: String) -> CalendarDay { try! CalendarDay(parsing: text) }

    static func arn(_ seed: Int) -> String {
        var payload = String(seed)
        payload = String(repeating: "7", count: 22 - payload.count) + payload
        let check = Luhn.checkDigit(for: Array(payload.utf8))
        return payload + String(UnicodeScalar(check))
    }

    static func visaTransactionId(_ seed: Int) -> String {
        let text = String(seed)
        return String(repeating: "3", count: 15 - text.count) + text
    }

    static func setUp(_ ledger: inout TestLedger, program: Bool = true) {
        ledger.run(.registerParty(RegisterParty(partyId: "S1", name: "Shenzhen Widgets Ltd", kind: .enterprise, roles: [.seller],
                                                country: "CN", settlementCurrency: .cny, commissionBps: 250)))
        ledger.run(.registerParty(RegisterParty(partyId: "S2", name: "Yiwu Small Goods", kind: .smb, roles: [.seller],
                                                country: "CN", settlementCurrency: .hkd, commissionBps: 100)))
        ledger.run(.registerParty(RegisterParty(partyId: "B1", name: "Kowloon Trading", kind: .smb, roles: [.buyer],
                                                country: "HK")))
        ledger.run(.registerParty(RegisterParty(partyId: "B2", name: "Austin Imports", kind: .enterprise, roles: [.buyer],
                                                country: "US")))
        ledger.run(.registerParty(RegisterParty(partyId: "VISA", name: "Visa", kind: .enterprise, roles: [.funder], country: "US")))
        ledger.run(.bindCard(BindCard(bindingId: "C1", partyId: "B1", token: "4895370012345678", panLast4: "1234",
                                      expiry: CardExpiry(month: 12, year: 2028)!)))
        ledger.run(.bindCard(BindCard(bindingId: "C2", partyId: "B2", token: "4895370099999999", panLast4: "9999",
                                      expiry: CardExpiry(month: 12, year: 2028)!)))
        if program {
            ledger.run(.launchSubsidyProgram(LaunchSubsidyProgram(
                programId: "P1", funderId: "VISA", currency: .hkd, budget: money("1000.00"), rateBps: 300,
                capPerPayment: money("50.00"), minSpend: money("100.00"), buyerCountries: ["HK", "MO", "TW"],
                validFrom: day("2026-05-01"), validTo: day("2026-05-31"))), at: Timestamp(secondsSinceEpoch: 1_777_000_000))
        }
    }

    static func invoice(_ ledger: inout TestLedger, id: String, seller: String = "S1", buyer: String = "B1",
                        total: String = "1000.00", currency: Currency = .hkd) -> Decision {
        ledger.run(.issueInvoice(IssueInvoice(
            invoiceId: id, sellerId: seller, buyerId: buyer, currency: currency,
            lines: [InvoiceLine(description: "Widgets", quantity: 1, unitPrice: money(total, currency))],
            issueDate: day("2026-05-15"), dueDate: day("2026-06-14"))))
    }

    static func capture(_ ledger: inout TestLedger, id: String, invoice: String, amount: String, binding: String = "C1",
                        currency: Currency = .hkd, at: Timestamp? = nil) -> Decision {
        ledger.run(.captureCardPayment(CaptureCardPayment(
            paymentId: id, invoiceId: invoice, bindingId: binding, amount: money(amount, currency), arn: arn(id.hashValue & 0xFFFF),
            authCode: "A1B2C3", visaTransactionId: visaTransactionId(42))), at: at)
    }
}
