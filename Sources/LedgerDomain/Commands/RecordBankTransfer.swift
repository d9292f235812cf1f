import Money

/// Records a bank transfer received for an invoice. Bank transfers are never subsidised.
public struct RecordBankTransfer: Sendable, Hashable {
    public static let typeName = "RecordBankTransfer"
    public static let bankReferenceBytesMax = 140

    public var paymentId: String
    public var invoiceId: String
    public var amount: Amount
    public var bankReference: String

    public init(paymentId: String, invoiceId: String, amount: Amount, bankReference: String) {
        self.paymentId = paymentId
        self.invoiceId = invoiceId
        self.amount = amount
        self.bankReference = bankReference
    }

    init(from reader: inout FieldReader) throws(FieldProblem) {
        paymentId = try reader.id("paymentId")
        invoiceId = try reader.id("invoiceId")
        let currency = try reader.currency("currency")
        amount = try reader.amount("amount", currency: currency, sign: .positive)
        bankReference = try reader.freeText("bankReference", bytesMax: RecordBankTransfer.bankReferenceBytesMax)
    }

    func addMembers(to builder: inout JSONObjectBuilder) {
        builder.add("paymentId", paymentId)
        builder.add("invoiceId", invoiceId)
        builder.add("amount", amount)
        builder.add("currency", amount.currency)
        builder.add("bankReference", bankReference)
    }
}
