import Money

/// An operator's resolution of a reconciliation exception, on `recon-exception-{exceptionId}`.
/// Its postings clear recon/suspense (decided from the exception's state by `ResolveException`):
/// `accept` books the parked amount to platform/expense/recon-differences, `write-off` to
/// platform/expense/write-offs; `adjust` books `amount` against scheme/visa/clearing (a correction
/// of the ledger's clearing balance) and the rest to recon-differences.
public struct ReconciliationExceptionResolved: DecodableLedgerEvent {
    public static let eventType = "ReconciliationExceptionResolved"
    public static let schemaVersion = 1

    public var exceptionId: String
    public var resolution: ExceptionResolution
    public var note: String
    public var amount: Amount?
    public var effectiveAt: Timestamp
    public let postings: [Posting]

    public init(exceptionId: String, resolution: ExceptionResolution, note: String, amount: Amount?, postings: [Posting],
                effectiveAt: Timestamp) {
        self.exceptionId = exceptionId
        self.resolution = resolution
        self.note = note
        self.amount = amount
        self.postings = postings
        self.effectiveAt = effectiveAt
    }

    public var streamId: String { StreamID.reconException(exceptionId) }

    public func writeFields(to writer: inout CanonicalJSONWriter) {
        writer.field("amount", amount)
        writer.field("currency", amount?.currency)
        writer.field("effectiveAt", effectiveAt)
        writer.field("exceptionId", exceptionId)
        writer.field("note", note)
        Postings.write(postings, to: &writer)
        writer.field("resolution", resolution.rawValue)
    }

    init(reading reader: inout FieldReader) throws(FieldProblem) {
        var amount: Amount? = nil
        if let currency = try reader.optionalCurrency("currency") {
            amount = try reader.amount("amount", currency: currency, sign: .positive)
        }
        self.init(exceptionId: try reader.id("exceptionId"), resolution: try reader.enumeration("resolution", ExceptionResolution.self),
                  note: try reader.string("note"), amount: amount, postings: try reader.postings("postings"),
                  effectiveAt: try reader.timestamp("effectiveAt"))
    }
}
