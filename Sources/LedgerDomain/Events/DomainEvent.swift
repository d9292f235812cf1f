import Money

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

    /// The event as its protocol, for the accessors every event type shares.
    public var payload: any LedgerEvent {
        switch self {
        case .partyRegistered(let event): return event
        case .cardBound(let event): return event
        case .subsidyProgramLaunched(let event): return event
        case .fxRateRecorded(let event): return event
        case .invoiceIssued(let event): return event
        case .paymentCaptured(let event): return event
        case .invoicePaymentApplied(let event): return event
        case .paymentReceived(let event): return event
        case .paymentRefunded(let event): return event
        case .subsidyGranted(let event): return event
        case .subsidyReversed(let event): return event
        case .subsidyRestored(let event): return event
        case .subsidyProgramListed(let event): return event
        case .periodClosed(let event): return event
        case .chargebackReceived(let event): return event
        case .chargebackReversed(let event): return event
        case .creditNoteIssued(let event): return event
        case .subsidyClaimSubmitted(let event): return event
        case .subsidyFundingReceived(let event): return event
        case .schemeFeesCharged(let event): return event
        case .merchantPaidOut(let event): return event
        case .reconciliationExceptionRaised(let event): return event
        case .reconciliationExceptionResolved(let event): return event
        case .settlementFileImported(let event): return event
        case .settlementItemsMatched(let event): return event
        case .payoutsHeld(let event): return event
        case .payoutsReleased(let event): return event
        case .payoutReturned(let event): return event
        }
    }

    public var eventType: String { type(of: payload).eventType }
    /// The current schema version of this event's type (the version `canonicalJSON` writes).
    public var schemaVersion: Int { type(of: payload).schemaVersion }
    public var effectiveAt: Timestamp { payload.effectiveAt }
    public var postings: [Posting] { payload.postings }
    public var streamId: String { payload.streamId }
    /// Sorted keys, no insignificant whitespace, UTF-8, amounts as decimal strings: the stored body.
    public func canonicalJSON() -> [UInt8] { payload.canonicalJSON() }
    /// Whether `body` is exactly `canonicalJSON()` (compared in the writer's buffer, no array built).
    public func hasCanonicalJSON(_ body: [UInt8]) -> Bool { payload.hasCanonicalJSON(body) }

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
