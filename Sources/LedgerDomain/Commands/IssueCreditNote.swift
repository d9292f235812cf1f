import Money

/// Credits (part of) an invoice's open amount. The amount is in the invoice's currency; `currency`
/// may be given and must then match it.
public struct IssueCreditNote: Sendable, Hashable {
    public static let typeName = "IssueCreditNote"
    public static let reasonBytesMax = 500

    public var creditNoteId: String
    public var invoiceId: String
    public var amount: DecimalAmount
    public var currency: Currency?
    public var reason: String

    public init(creditNoteId: String, invoiceId: String, amount: DecimalAmount, currency: Currency? = nil, reason: String) {
        self.creditNoteId = creditNoteId
        self.invoiceId = invoiceId
        self.amount = amount
        self.currency = currency
        self.reason = reason
    }

    init(from reader: inout FieldReader) throws(FieldProblem) {
        creditNoteId = try reader.id("creditNoteId")
        invoiceId = try reader.id("invoiceId")
        currency = try reader.optionalCurrency("currency")
        amount = try reader.decimal("amount", sign: .positive)
        reason = try reader.freeText("reason", bytesMax: IssueCreditNote.reasonBytesMax)
    }

    func addMembers(to builder: inout JSONObjectBuilder) {
        builder.add("creditNoteId", creditNoteId)
        builder.add("invoiceId", invoiceId)
        builder.add("amount", amount)
        builder.add("currency", currency)
        builder.add("reason", reason)
    }
}
