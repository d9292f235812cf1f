import Money

/// A reconciliation exception, on `recon-exception-{exceptionId}`. Its postings are decided by
/// reconciliation (they park differences in recon/suspense) and stored as given; they must
/// balance per currency. `suspense` is what it parked in recon/suspense, per currency.
public struct ReconciliationExceptionRaised: DecodableLedgerEvent {
    public static let eventType = "ReconciliationExceptionRaised"
    public static let schemaVersion = 1
    /// The `outcome` of a presentment in another currency than the ledger item's (RECONCILIATION.md).
    public static let currencyMismatch = "currency_mismatch"

    public var exceptionId: String
    /// The RECONCILIATION.md outcome, e.g. "amount_mismatch".
    public var outcome: String
    public var description: String
    public var fileId: String?
    public var recordNumber: Int64?
    public var paymentId: String?
    public var effectiveAt: Timestamp
    public let postings: [Posting]

    public init(exceptionId: String, outcome: String, description: String, fileId: String?, recordNumber: Int64?,
                paymentId: String?, postings: [Posting], effectiveAt: Timestamp) {
        self.exceptionId = exceptionId
        self.outcome = outcome
        self.description = description
        self.fileId = fileId
        self.recordNumber = recordNumber
        self.paymentId = paymentId
        self.postings = postings
        self.effectiveAt = effectiveAt
    }

    public var streamId: String { StreamID.reconException(exceptionId) }

    /// Signed minor units parked in recon/suspense, per currency (zero entries left out).
    public var suspense: [Currency: Int64] {
        var result: [Currency: Int64] = [:]
        for posting in postings where posting.account == Account.reconSuspense {
            result[posting.currency, default: 0] += posting.amountMinor
        }
        return result.filter { $0.value != 0 }
    }

    public func writeFields(to writer: inout CanonicalJSONWriter) {
        writer.field("description", description)
        writer.field("effectiveAt", effectiveAt)
        writer.field("exceptionId", exceptionId)
        writer.field("fileId", fileId)
        writer.field("outcome", outcome)
        writer.field("paymentId", paymentId)
        Postings.write(postings, to: &writer)
        writer.field("recordNumber", recordNumber)
    }

    init(reading reader: inout FieldReader) throws(FieldProblem) {
        self.init(exceptionId: try reader.id("exceptionId"), outcome: try reader.string("outcome"),
                  description: try reader.string("description"), fileId: try reader.optionalString("fileId"),
                  recordNumber: try reader.optionalInt("recordNumber", range: 0...Int64.max),
                  paymentId: try reader.optionalId("paymentId"), postings: try reader.postings("postings"),
                  effectiveAt: try reader.timestamp("effectiveAt"))
    }
}
