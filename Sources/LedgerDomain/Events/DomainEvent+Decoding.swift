import Money

extension DomainEvent {
    /// Reads a stored event body, upcasting older schema versions to the current shape.
    ///
    /// A current-version body must be exactly the canonical JSON of the event it decodes to (a
    /// pair check: the bytes were hashed when written, and derived postings must still follow the
    /// posting rules); an older version is read by its upcaster. Unknown fields, unknown types and
    /// versions newer than this code knows are errors, never ignored.
    public static func decode(eventType: String, schemaVersion: Int, body: some Collection<UInt8>) throws(EventDecodingError) -> DomainEvent {
        func failure(_ message: String) -> EventDecodingError {
            EventDecodingError(eventType: eventType, schemaVersion: schemaVersion, message: message)
        }
        let bytes = Array(body)
        let document: JSONDocument
        do { document = try JSONDocument(parsing: bytes) } catch { throw failure("malformed JSON: \(error)") }
        guard document.kind(JSONDocument.root) == .object else { throw failure("body is not a JSON object") }
        guard let current = currentSchemaVersions[eventType] else { throw failure("unknown event type") }
        var reader = FieldReader(document, context: eventType)
        let event: DomainEvent
        do throws(FieldProblem) {
            if schemaVersion == current {
                event = try readCurrent(eventType, &reader)
            } else if let upcast = try upcast(eventType, schemaVersion, &reader) {
                event = upcast
            } else {
                throw FieldProblem(code: "", field: "", message: "no upcaster from schema version \(schemaVersion) (current is \(current))")
            }
            try reader.finish()
        } catch {
            throw failure(error.message)
        }
        if schemaVersion == current && !event.hasCanonicalJSON(bytes) {
            throw failure("body is not the canonical form of the event it holds (non-canonical JSON, or postings that differ from the posting rules)")
        }
        do { try Postings.checkBalanced(event.postings) } catch { throw failure(error.description) }
        return event
    }

    private static func readCurrent(_ eventType: String, _ reader: inout FieldReader) throws(FieldProblem) -> DomainEvent {
        switch eventType {
        case PartyRegistered.eventType: return .partyRegistered(try PartyRegistered(reading: &reader))
        case CardBound.eventType: return .cardBound(try CardBound(reading: &reader))
        case SubsidyProgramLaunched.eventType: return .subsidyProgramLaunched(try SubsidyProgramLaunched(reading: &reader))
        case FxRateRecorded.eventType: return .fxRateRecorded(try FxRateRecorded(reading: &reader))
        case InvoiceIssued.eventType: return .invoiceIssued(try InvoiceIssued(reading: &reader))
        case PaymentCaptured.eventType: return .paymentCaptured(try PaymentCaptured(reading: &reader))
        case InvoicePaymentApplied.eventType: return .invoicePaymentApplied(try InvoicePaymentApplied(reading: &reader))
        case PaymentReceived.eventType: return .paymentReceived(try PaymentReceived(reading: &reader))
        case PaymentRefunded.eventType: return .paymentRefunded(try PaymentRefunded(reading: &reader))
        case SubsidyGranted.eventType: return .subsidyGranted(try SubsidyGranted(reading: &reader))
        case SubsidyReversed.eventType: return .subsidyReversed(try SubsidyReversed(reading: &reader))
        case SubsidyRestored.eventType: return .subsidyRestored(try SubsidyRestored(reading: &reader))
        case SubsidyProgramListed.eventType: return .subsidyProgramListed(try SubsidyProgramListed(reading: &reader))
        case PeriodClosed.eventType: return .periodClosed(try PeriodClosed(reading: &reader))
        case ChargebackReceived.eventType: return .chargebackReceived(try ChargebackReceived(reading: &reader))
        case ChargebackReversed.eventType: return .chargebackReversed(try ChargebackReversed(reading: &reader))
        case CreditNoteIssued.eventType: return .creditNoteIssued(try CreditNoteIssued(reading: &reader))
        case SubsidyClaimSubmitted.eventType: return .subsidyClaimSubmitted(try SubsidyClaimSubmitted(reading: &reader))
        case SubsidyFundingReceived.eventType: return .subsidyFundingReceived(try SubsidyFundingReceived(reading: &reader))
        case SchemeFeesCharged.eventType: return .schemeFeesCharged(try SchemeFeesCharged(reading: &reader))
        case MerchantPaidOut.eventType: return .merchantPaidOut(try MerchantPaidOut(reading: &reader))
        case ReconciliationExceptionRaised.eventType:
            return .reconciliationExceptionRaised(try ReconciliationExceptionRaised(reading: &reader))
        case ReconciliationExceptionResolved.eventType:
            return .reconciliationExceptionResolved(try ReconciliationExceptionResolved(reading: &reader))
        case SettlementFileImported.eventType: return .settlementFileImported(try SettlementFileImported(reading: &reader))
        case SettlementItemsMatched.eventType: return .settlementItemsMatched(try SettlementItemsMatched(reading: &reader))
        case PayoutsHeld.eventType: return .payoutsHeld(try PayoutsHeld(reading: &reader))
        case PayoutsReleased.eventType: return .payoutsReleased(try PayoutsReleased(reading: &reader))
        case PayoutReturned.eventType: return .payoutReturned(try PayoutReturned(reading: &reader))
        default:
            preconditionFailure("event type list and reader disagree on \(eventType)")
        }
    }

    /// Upcasters: pure functions from an old body to the current event. nil: no such version.
    private static func upcast(_ eventType: String, _ version: Int, _ reader: inout FieldReader) throws(FieldProblem) -> DomainEvent? {
        switch (eventType, version) {
        case (PaymentCaptured.eventType, PaymentCapturedV1.schemaVersion):
            return .paymentCaptured(try PaymentCapturedV1.upcast(&reader))
        case (ReconciliationExceptionResolved.eventType, 1):
            return .reconciliationExceptionResolved(try ReconciliationExceptionResolved(reading: &reader, version: 1))
        case (ChargebackReversed.eventType, ChargebackReversedV1.schemaVersion):
            return .chargebackReversed(try ChargebackReversedV1.upcast(&reader))
        default:
            return nil
        }
    }
}
