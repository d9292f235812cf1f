import Money

/// Captures a card payment against an invoice with a bound card.
public struct CaptureCardPayment: Sendable, Hashable {
    public static let typeName = "CaptureCardPayment"

    public var paymentId: String
    public var invoiceId: String
    public var bindingId: String
    public var amount: Amount
    public var arn: String
    public var authCode: String
    public var visaTransactionId: String

    public init(paymentId: String, invoiceId: String, bindingId: String, amount: Amount, arn: String,
                authCode: String, visaTransactionId: String) {
        self.paymentId = paymentId
        self.invoiceId = invoiceId
        self.bindingId = bindingId
        self.amount = amount
        self.arn = arn
        self.authCode = authCode
        self.visaTransactionId = visaTransactionId
    }

    init(from reader: inout FieldReader) throws(FieldProblem) {
        paymentId = try reader.id("paymentId")
        invoiceId = try reader.id("invoiceId")
        bindingId = try reader.id("bindingId")
        let currency = try reader.currency("currency")
        amount = try reader.amount("amount", currency: currency, sign: .positive)
        arn = try reader.string("arn")
        guard Identifier.isValidARN(arn) else {
            throw reader.invalid("arn", "an ARN is 23 digits with a valid Luhn check digit")
        }
        authCode = try reader.string("authCode")
        guard Identifier.isValidAuthCode(authCode) else {
            throw reader.invalid("authCode", value: authCode, "an authorization code is 6 letters or digits")
        }
        visaTransactionId = try reader.string("visaTransactionId")
        guard Identifier.isValidVisaTransactionId(visaTransactionId) else {
            throw reader.invalid("visaTransactionId", value: visaTransactionId, "a Visa transaction id is 15 digits")
        }
    }

    func addMembers(to builder: inout JSONObjectBuilder) {
        builder.add("paymentId", paymentId)
        builder.add("invoiceId", invoiceId)
        builder.add("bindingId", bindingId)
        builder.add("amount", amount)
        builder.add("currency", amount.currency)
        builder.add("arn", arn)
        builder.add("authCode", authCode)
        builder.add("visaTransactionId", visaTransactionId)
    }
}
