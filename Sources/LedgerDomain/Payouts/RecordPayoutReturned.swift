/// The bank returned a payout: `payoutId` is the payout's id `payout-{merchant}-{ccy}-{date}`
/// (as `settle --payouts-csv` prints it), `bankReference` the bank's reference of the return.
public struct RecordPayoutReturned: Sendable, Hashable {
    public static let typeName = "RecordPayoutReturned"
    public static let reasonBytesMax = 500
    public static let bankReferenceBytesMax = 140

    public var payoutId: PayoutID
    public var reason: String
    public var bankReference: String

    public init(payoutId: PayoutID, reason: String, bankReference: String) {
        self.payoutId = payoutId
        self.reason = reason
        self.bankReference = bankReference
    }

    init(from reader: inout FieldReader) throws(FieldProblem) {
        let text = try reader.string("payoutId")
        guard let id = PayoutID(parsing: text) else {
            throw reader.invalid("payoutId", value: text, "must be payout-{merchantId}-{currency}-{YYYY-MM-DD}")
        }
        payoutId = id
        reason = try reader.freeText("reason", bytesMax: RecordPayoutReturned.reasonBytesMax)
        bankReference = try reader.freeText("bankReference", bytesMax: RecordPayoutReturned.bankReferenceBytesMax)
    }

    func addMembers(to builder: inout JSONObjectBuilder) {
        builder.add("payoutId", payoutId.text)
        builder.add("reason", reason)
        builder.add("bankReference", bankReference)
    }
}
