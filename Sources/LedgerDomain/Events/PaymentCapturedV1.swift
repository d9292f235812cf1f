import Money

/// Upcaster for `PaymentCaptured` v1 (before Visa transaction ids and subsidies were recorded):
/// `{"amountMinor": 123450, "arn", "authCode", "bindingId", "buyerId", "commissionMinor": 1235,
/// "currency", "effectiveAt", "invoiceId", "paymentId", "sellerId", "tokenRef"}`. Amounts were
/// integer minor units; there were no postings in the body (they are derived by the v2 rules,
/// which were the same), no `visaTransactionId` (nil) and no programme (no subsidy).
enum PaymentCapturedV1 {
    static let schemaVersion = 1

    static func upcast(_ reader: inout FieldReader) throws(FieldProblem) -> PaymentCaptured {
        let currency = try reader.currency("currency")
        let amountMinor = try reader.int("amountMinor", range: 1...Int64.max)
        let commissionMinor = try reader.int("commissionMinor", range: 0...Int64.max)
        return PaymentCaptured(
            paymentId: try reader.id("paymentId"), invoiceId: try reader.id("invoiceId"),
            bindingId: try reader.id("bindingId"), buyerId: try reader.id("buyerId"), sellerId: try reader.id("sellerId"),
            amount: Amount(minorUnits: amountMinor, currency: currency),
            commission: Amount(minorUnits: commissionMinor, currency: currency),
            arn: try reader.string("arn"), authCode: try reader.string("authCode"), visaTransactionId: nil,
            tokenRef: try reader.string("tokenRef"), subsidyProgramId: nil, subsidy: nil,
            effectiveAt: try reader.timestamp("effectiveAt"))
    }
}
