import Money

/// A captured card payment, on `payment-{paymentId}`.
///
/// Postings: Dr scheme/visa/clearing amount; Cr buyer/{buyer}/receivable amount; Dr
/// merchant/{seller}/pending amount; Cr merchant/{seller}/payable (amount − commission); Cr
/// platform/revenue/commission commission. The subsidy (if any) is booked by `SubsidyGranted` on
/// the programme's stream; `subsidyProgramId`/`subsidy` repeat it here (no postings) so that the
/// payment stream alone tells a refund what to reverse.
///
/// Schema history: v1 had `amountMinor`/`commissionMinor` integers, no `visaTransactionId`, no
/// subsidy fields and no `postings` (see `PaymentCapturedV1`). v2 is current.
public struct PaymentCaptured: DecodableLedgerEvent {
    public static let eventType = "PaymentCaptured"
    public static let schemaVersion = 2

    public var paymentId: String
    public var invoiceId: String
    public var bindingId: String
    public var buyerId: String
    public var sellerId: String
    public var amount: Amount
    public var commission: Amount
    public var arn: String
    public var authCode: String
    /// nil only for events upcast from v1, which did not record it.
    public var visaTransactionId: String?
    public var tokenRef: String
    public var subsidyProgramId: String?
    public var subsidy: Amount?
    public var effectiveAt: Timestamp
    public let postings: [Posting]

    public init(paymentId: String, invoiceId: String, bindingId: String, buyerId: String, sellerId: String, amount: Amount,
                commission: Amount, arn: String, authCode: String, visaTransactionId: String?, tokenRef: String,
                subsidyProgramId: String?, subsidy: Amount?, effectiveAt: Timestamp) {
        precondition(commission.currency == amount.currency, "commission in another currency")
        precondition((subsidyProgramId == nil) == (subsidy == nil), "subsidy programme and amount go together")
        self.paymentId = paymentId
        self.invoiceId = invoiceId
        self.bindingId = bindingId
        self.buyerId = buyerId
        self.sellerId = sellerId
        self.amount = amount
        self.commission = commission
        self.arn = arn
        self.authCode = authCode
        self.visaTransactionId = visaTransactionId
        self.tokenRef = tokenRef
        self.subsidyProgramId = subsidyProgramId
        self.subsidy = subsidy
        self.effectiveAt = effectiveAt
        self.postings = PostingRules.collection(cashAccount: Account.visaClearing, buyerId: buyerId, sellerId: sellerId,
                                                amount: amount, commission: commission)
    }

    public var streamId: String { StreamID.payment(paymentId) }
    public var currency: Currency { amount.currency }

    public func writeFields(to writer: inout CanonicalJSONWriter) {
        writer.field("amount", amount)
        writer.field("arn", arn)
        writer.field("authCode", authCode)
        writer.field("bindingId", bindingId)
        writer.field("buyerId", buyerId)
        writer.field("commission", commission)
        writer.field("currency", amount.currency)
        writer.field("effectiveAt", effectiveAt)
        writer.field("invoiceId", invoiceId)
        writer.field("paymentId", paymentId)
        Postings.write(postings, to: &writer)
        writer.field("sellerId", sellerId)
        writer.field("subsidy", subsidy)
        writer.field("subsidyProgramId", subsidyProgramId)
        writer.field("tokenRef", tokenRef)
        writer.field("visaTransactionId", visaTransactionId)
    }

    /// Reads a stored body. The programme and the subsidy amount go together: a body with one
    /// and not the other is refused here (a stored body is data, not a programmer error).
    init(reading reader: inout FieldReader) throws(FieldProblem) {
        let currency = try reader.currency("currency")
        let subsidyProgramId = try reader.optionalId("subsidyProgramId")
        let subsidy = try reader.optionalAmount("subsidy", currency: currency, sign: .positive)
        if subsidyProgramId != nil && subsidy == nil {
            throw reader.invalid("subsidy", "is missing while subsidyProgramId is set (they go together)")
        }
        if subsidyProgramId == nil && subsidy != nil {
            throw reader.invalid("subsidyProgramId", "is missing while subsidy is set (they go together)")
        }
        self.init(paymentId: try reader.id("paymentId"), invoiceId: try reader.id("invoiceId"),
                  bindingId: try reader.id("bindingId"), buyerId: try reader.id("buyerId"), sellerId: try reader.id("sellerId"),
                  amount: try reader.amount("amount", currency: currency, sign: .positive),
                  commission: try reader.amount("commission", currency: currency, sign: .nonNegative),
                  arn: try reader.string("arn"), authCode: try reader.string("authCode"),
                  visaTransactionId: try reader.optionalString("visaTransactionId"), tokenRef: try reader.string("tokenRef"),
                  subsidyProgramId: subsidyProgramId, subsidy: subsidy, effectiveAt: try reader.timestamp("effectiveAt"))
        reader.derivedPostings()
    }
}
