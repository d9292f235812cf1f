import Money

/// What to do with an event as its own type (`DomainEvent.accept`).
public protocol LedgerEventVisitor {
    associatedtype Result
    func visit<E: LedgerEvent>(_ event: E) -> Result
}

/// Every event the ledger records, one case per event type.
public enum DomainEvent: Sendable, Hashable {
    case partyRegistered(PartyRegistered)
    case cardBound(CardBound)
    case subsidyProgramLaunched(SubsidyProgramLaunched)
    case fxRateRecorded(FxRateRecorded)
    case invoiceIssued(InvoiceIssued)
    case paymentCaptured(PaymentCaptured)
    case invoicePaymentApplied(InvoicePaymentApplied)
    case paymentReceived(PaymentReceived)
    case paymentRefunded(PaymentRefunded)
    case subsidyGranted(SubsidyGranted)
    case subsidyReversed(SubsidyReversed)
    case subsidyRestored(SubsidyRestored)
    case subsidyProgramListed(SubsidyProgramListed)
    case periodClosed(PeriodClosed)
    case chargebackReceived(ChargebackReceived)
    case chargebackReversed(ChargebackReversed)
    case creditNoteIssued(CreditNoteIssued)
    case subsidyClaimSubmitted(SubsidyClaimSubmitted)
    case subsidyFundingReceived(SubsidyFundingReceived)
    case schemeFeesCharged(SchemeFeesCharged)
    case merchantPaidOut(MerchantPaidOut)
    case reconciliationExceptionRaised(ReconciliationExceptionRaised)
    case reconciliationExceptionResolved(ReconciliationExceptionResolved)
    case settlementFileImported(SettlementFileImported)
    case settlementItemsMatched(SettlementItemsMatched)
    case payoutsHeld(PayoutsHeld)
    case payoutsReleased(PayoutsReleased)
    case payoutReturned(PayoutReturned)

    /// The event as its protocol (boxed: the accessors below go through `accept` instead).
    public var payload: any LedgerEvent { accept(Boxed()) }

    /// `visitor` applied to the event as its own type: no existential box, which `payload`
    /// allocates and fills with a copy of every field on each use (2.7% of a rebuild's
    /// instructions went to it while the accessors below read through `payload`).
    public func accept<V: LedgerEventVisitor>(_ visitor: V) -> V.Result {
        switch self {
        case .partyRegistered(let event): visitor.visit(event)
        case .cardBound(let event): visitor.visit(event)
        case .subsidyProgramLaunched(let event): visitor.visit(event)
        case .fxRateRecorded(let event): visitor.visit(event)
        case .invoiceIssued(let event): visitor.visit(event)
        case .paymentCaptured(let event): visitor.visit(event)
        case .invoicePaymentApplied(let event): visitor.visit(event)
        case .paymentReceived(let event): visitor.visit(event)
        case .paymentRefunded(let event): visitor.visit(event)
        case .subsidyGranted(let event): visitor.visit(event)
        case .subsidyReversed(let event): visitor.visit(event)
        case .subsidyRestored(let event): visitor.visit(event)
        case .subsidyProgramListed(let event): visitor.visit(event)
        case .periodClosed(let event): visitor.visit(event)
        case .chargebackReceived(let event): visitor.visit(event)
        case .chargebackReversed(let event): visitor.visit(event)
        case .creditNoteIssued(let event): visitor.visit(event)
        case .subsidyClaimSubmitted(let event): visitor.visit(event)
        case .subsidyFundingReceived(let event): visitor.visit(event)
        case .schemeFeesCharged(let event): visitor.visit(event)
        case .merchantPaidOut(let event): visitor.visit(event)
        case .reconciliationExceptionRaised(let event): visitor.visit(event)
        case .reconciliationExceptionResolved(let event): visitor.visit(event)
        case .settlementFileImported(let event): visitor.visit(event)
        case .settlementItemsMatched(let event): visitor.visit(event)
        case .payoutsHeld(let event): visitor.visit(event)
        case .payoutsReleased(let event): visitor.visit(event)
        case .payoutReturned(let event): visitor.visit(event)
        }
    }

    public var eventType: String { accept(EventTypeOf()) }
    /// The current schema version of this event's type (the version `canonicalJSON` writes).
    public var schemaVersion: Int { accept(SchemaVersionOf()) }
    public var effectiveAt: Timestamp { accept(EffectiveAtOf()) }
    public var postings: [Posting] { accept(PostingsOf()) }
    public var streamId: String { accept(StreamIdOf()) }
    /// Sorted keys, no insignificant whitespace, UTF-8, amounts as decimal strings: the stored body.
    public func canonicalJSON() -> [UInt8] { accept(CanonicalJSONOf()) }
    /// Whether `body` is exactly `canonicalJSON()` (compared in the writer's buffer, no array built).
    public func hasCanonicalJSON(_ body: [UInt8]) -> Bool { accept(HasCanonicalJSON(body: body)) }

    private struct Boxed: LedgerEventVisitor { func visit<E: LedgerEvent>(_ event: E) -> any LedgerEvent { event } }
    private struct EventTypeOf: LedgerEventVisitor { func visit<E: LedgerEvent>(_ event: E) -> String { E.eventType } }
    private struct SchemaVersionOf: LedgerEventVisitor { func visit<E: LedgerEvent>(_ event: E) -> Int { E.schemaVersion } }
    private struct EffectiveAtOf: LedgerEventVisitor { func visit<E: LedgerEvent>(_ event: E) -> Timestamp { event.effectiveAt } }
    private struct PostingsOf: LedgerEventVisitor { func visit<E: LedgerEvent>(_ event: E) -> [Posting] { event.postings } }
    private struct StreamIdOf: LedgerEventVisitor { func visit<E: LedgerEvent>(_ event: E) -> String { event.streamId } }
    private struct CanonicalJSONOf: LedgerEventVisitor { func visit<E: LedgerEvent>(_ event: E) -> [UInt8] { event.canonicalJSON() } }
    private struct HasCanonicalJSON: LedgerEventVisitor {
        let body: [UInt8]
        func visit<E: LedgerEvent>(_ event: E) -> Bool { event.hasCanonicalJSON(body) }
    }

    /// Every event type with its current schema version.
    public static let currentSchemaVersions: [String: Int] = {
        var versions: [String: Int] = [:]
        for type in eventTypes { versions[type.eventType] = type.schemaVersion }
        return versions
    }()

    static let eventTypes: [any LedgerEvent.Type] = [
        PartyRegistered.self, CardBound.self, SubsidyProgramLaunched.self, FxRateRecorded.self, InvoiceIssued.self,
        PaymentCaptured.self, InvoicePaymentApplied.self, PaymentReceived.self, PaymentRefunded.self, SubsidyGranted.self,
        SubsidyReversed.self, ChargebackReceived.self, ChargebackReversed.self, CreditNoteIssued.self,
        SubsidyClaimSubmitted.self, SubsidyFundingReceived.self, SchemeFeesCharged.self, MerchantPaidOut.self,
        ReconciliationExceptionRaised.self, ReconciliationExceptionResolved.self,
        SettlementFileImported.self, SettlementItemsMatched.self, SubsidyRestored.self,
        PayoutsHeld.self, PayoutsReleased.self, PayoutReturned.self,
        SubsidyProgramListed.self, PeriodClosed.self,
    ]
}
