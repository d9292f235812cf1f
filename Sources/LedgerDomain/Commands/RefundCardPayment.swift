import Money

/// Refunds (part of) a card payment. The amount is in the payment's currency; `currency` may be
/// given and must then match it. `arn` is the refund's own ARN (23 digits, Luhn).
public struct RefundCardPayment: Sendable, Hashable {
    public static let typeName = "RefundCardPayment"

    public var refundId: String
    public var paymentId: String
    public var amount: DecimalAmount
    public var currency: Currency?
    public var arn: String

    public init(refundId: String, paymentId: String, amount: DecimalAmount, currency: Currency? = nil, arn: String) {
        self.refundId = refundId
        self.paymentId = paymentId
        self.amount = amount
        self.currency = currency
        self.arn = arn
    }

    init(from reader: inout FieldReader) throws(FieldProblem) {
        refundId = try reader.id("refundId")
        paymentId = try reader.id("paymentId")
        currency = try reader.optionalCurrency("currency")
        amount = try reader.decimal("amount", sign: .positive)
        arn = try reader.string("arn")
        guard Identifier.isValidARN(arn) else {
            throw reader.invalid("arn", "an ARN is 23 digits with a valid Luhn check digit")
        }
    }

    func addMembers(to builder: inout JSONObjectBuilder) {
        builder.add("refundId", refundId)
        builder.add("paymentId", paymentId)
        builder.add("amount", amount)
        builder.add("currency", currency)
        builder.add("arn", arn)
    }
}
