/// A payout as folded from its stream: the payout, and its return if the bank sent it back.
public struct PayoutState: Sendable, Hashable {
    public let paid: MerchantPaidOut
    public internal(set) var returned: PayoutReturned?

    init(paid: MerchantPaidOut) { self.paid = paid }

    public var payoutId: String { paid.streamId }
    public var isReturned: Bool { returned != nil }
}
