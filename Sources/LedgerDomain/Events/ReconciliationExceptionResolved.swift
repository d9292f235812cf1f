import Money

/// An operator's resolution of a reconciliation exception, on `recon-exception-{exceptionId}`.
/// Its postings clear recon/suspense (decided from the exception's state by `ResolveException`):
/// `accept` books the parked amount to platform/expense/recon-differences, `write-off` to
/// platform/expense/write-offs; `adjust` books `amount` against scheme/visa/clearing (a correction
/// of the ledger's clearing balance) and the rest to recon-differences. Accepting or writing off a
/// capture's `currency_mismatch` also releases the capture from scheme/visa/clearing (through
/// fx/position across currencies; only a same-currency remainder goes to the counter account). Reconciliation itself
/// resolves with `late_presentment` (a later file presented the missing item; no postings) and
/// `manual_match` (an operator paired the exception with `paymentId`; the postings of an
/// automatic match, taken from suspense).
///
/// Schema history: v1 had no `paymentId` (upcast with nil). v2 is current.
public struct ReconciliationExceptionResolved: DecodableLedgerEvent {
    public static let eventType = "ReconciliationExceptionResolved"
    public static let schemaVersion = 2

    public var exceptionId: String
    public var resolution: ExceptionResolution
    public var note: String
    public var amount: Amount?
    /// The ledger item a `manual_match` (or `late_presentment`) paired the exception with.
    public var paymentId: String?
    public var effectiveAt: Timestamp
    public let postings: [Posting]

    public init(exceptionId: String, resolution: ExceptionResolution, note: String, amount: Amount?, paymentId: String? = nil,
                postings: [Posting], effectiveAt: Timestamp) {
        self.exceptionId = exceptionId
        self.resolution = resolution
        self.note = note
        self.amount = amount
        self.paymentId = paymentId
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
        writer.field("paymentId", paymentId)
        Postings.write(postings, to: &writer)
        writer.field("resolution", resolution.rawValue)
    }

    init(reading reader: inout FieldReader) throws(FieldProblem) {
        try self.init(reading: &reader, version: Self.schemaVersion)
    }

    /// Reads v2, or v1 (no `paymentId`).
    init(reading reader: inout FieldReader, version: Int) throws(FieldProblem) {
        var amount: Amount? = nil
        if let currency = try reader.optionalCurrency("currency") {
            amount = try reader.amount("amount", currency: currency, sign: .positive)
        }
        self.init(exceptionId: try reader.id("exceptionId"), resolution: try reader.enumeration("resolution", ExceptionResolution.self),
                  note: try reader.string("note"), amount: amount,
                  paymentId: version >= 2 ? try reader.optionalId("paymentId") : nil, postings: try reader.postings("postings"),
                  effectiveAt: try reader.timestamp("effectiveAt"))
    }
}
