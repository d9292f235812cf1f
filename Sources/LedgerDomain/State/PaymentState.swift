import Money

/// A payment as folded from its stream: what was captured, refunded and charged back, and the
/// subsidy granted on it, reversed so far and forfeited (repeated on the payment's own events).
///
/// A chargeback reversal undoes its chargeback's subsidy reversal: `subsidyReversedMinor` goes
/// back down by what that chargeback reversed, and whatever the programme's budget could not
/// restore is `subsidyForfeitedMinor`, which shrinks the payment's grant for good
/// (`subsidyNetGrantMinor`, what later reversals are proportional to).
public struct PaymentState: Sendable, Hashable {
    public let paymentId: String
    public let invoiceId: String
    public let method: PaymentMethod
    public let buyerId: String
    public let sellerId: String
    public let amount: Amount
    public let commission: Amount
    public let bindingId: String?
    public let arn: String?
    public let subsidyProgramId: String?
    public let subsidyGrantedMinor: Int64
    public let effectiveAt: Timestamp
    public internal(set) var refundedMinor: Int64 = 0
    public internal(set) var chargedBackMinor: Int64 = 0
    public internal(set) var subsidyReversedMinor: Int64 = 0
    public internal(set) var subsidyForfeitedMinor: Int64 = 0
    public internal(set) var refundIds: Set<String> = []
    /// Open chargebacks: id → amount in minor units (removed when reversed).
    public internal(set) var openChargebacks: [String: Int64] = [:]
    /// Open chargebacks: id → the subsidy it reversed, in minor units (0 or absent: none).
    public internal(set) var openChargebackSubsidies: [String: Int64] = [:]
    public internal(set) var chargebackIds: Set<String> = []

    init(captured: PaymentCaptured) {
        paymentId = captured.paymentId
        invoiceId = captured.invoiceId
        method = .card
        buyerId = captured.buyerId
        sellerId = captured.sellerId
        amount = captured.amount
        commission = captured.commission
        bindingId = captured.bindingId
        arn = captured.arn
        subsidyProgramId = captured.subsidyProgramId
        subsidyGrantedMinor = captured.subsidy?.minorUnits ?? 0
        effectiveAt = captured.effectiveAt
    }

    init(received: PaymentReceived) {
        paymentId = received.paymentId
        invoiceId = received.invoiceId
        method = .bankTransfer
        buyerId = received.buyerId
        sellerId = received.sellerId
        amount = received.amount
        commission = received.commission
        bindingId = nil
        arn = nil
        subsidyProgramId = nil
        subsidyGrantedMinor = 0
        effectiveAt = received.effectiveAt
    }

    public var currency: Currency { amount.currency }

    /// The subsidy granted less what was forfeited: what refunds and chargebacks reverse in
    /// proportion, and what the merchant keeps when nothing is returned.
    public var subsidyNetGrantMinor: Int64 { subsidyGrantedMinor - subsidyForfeitedMinor }

    /// What may still be refunded or charged back: captured − refunded − charged back.
    public var refundable: Amount {
        Amount(minorUnits: amount.minorUnits - refundedMinor - chargedBackMinor, currency: currency)
    }
}
