/// Version 1 of `ChargebackReversed` (before subsidies were restored): the same fields without
/// `subsidyRestored`. Upcast with `subsidyRestored` nil, which is what happened: no
/// `SubsidyRestored` was appended, so the subsidy its chargeback reversed stayed reversed.
enum ChargebackReversedV1 {
    static let schemaVersion = 1

    static func upcast(_ reader: inout FieldReader) throws(FieldProblem) -> ChargebackReversed {
        let currency = try reader.currency("currency")
        let event = ChargebackReversed(
            chargebackId: try reader.id("chargebackId"), paymentId: try reader.id("paymentId"),
            invoiceId: try reader.id("invoiceId"), sellerId: try reader.id("sellerId"),
            amount: try reader.amount("amount", currency: currency, sign: .positive), subsidyRestored: nil,
            effectiveAt: try reader.timestamp("effectiveAt"))
        reader.derivedPostings()
        return event
    }
}
