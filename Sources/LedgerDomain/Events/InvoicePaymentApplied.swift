import Money

/// A payment applied to an invoice, on `invoice-{invoiceId}` (no postings: the payment's own
/// event books the money). It is what guards the invoice's open amount under concurrency.
public struct InvoicePaymentApplied: DecodableLedgerEvent {
    public static let eventType = "InvoicePaymentApplied"
    public static let schemaVersion = 1

    public var invoiceId: String
    public var paymentId: String
    public var amount: Amount
    public var method: PaymentMethod
    public var effectiveAt: Timestamp

    public init(invoiceId: String, paymentId: String, amount: Amount, method: PaymentMethod, effectiveAt: Timestamp) {
        self.invoiceId = invoiceId
        self.paymentId = paymentId
        self.amount = amount
        self.method = method
        self.effectiveAt = effectiveAt
    }

    public var postings: [Posting] { [] }
    public var streamId: String { StreamID.invoice(invoiceId) }

    public func writeFields(to writer: inout CanonicalJSONWriter) {
        writer.field("amount", amount)
        writer.field("currency", amount.currency)
        writer.field("effectiveAt", effectiveAt)
        writer.field("invoiceId", invoiceId)
        writer.field("method", method.rawValue)
        writer.field("paymentId", paymentId)
        Postings.write(postings, to: &writer)
    }

    init(reading reader: inout FieldReader) throws(FieldProblem) {
        let currency = try reader.currency("currency")
        let methodText = try reader.string("method")
        guard let method = PaymentMethod(rawValue: methodText) else { throw reader.invalid("method", value: methodText, "unknown method") }
        self.init(invoiceId: try reader.id("invoiceId"), paymentId: try reader.id("paymentId"),
                  amount: try reader.amount("amount", currency: currency, sign: .positive), method: method,
                  effectiveAt: try reader.timestamp("effectiveAt"))
        reader.derivedPostings()
    }
}
