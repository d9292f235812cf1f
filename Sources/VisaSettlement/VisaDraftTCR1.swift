/// Draft TCR 1: merchant identification.
public struct VisaDraftTCR1: Hashable, Sendable {
    /// Record number of this TCR.
    public var record: Int
    /// Positions 76-78.
    public var feeProgramIndicator: String
    /// Positions 81-95: the merchant id.
    public var cardAcceptorId: String
    /// Positions 96-103.
    public var terminalId: String
    /// Position 116.
    public var ecommerceIndicator: String

    public init(record: Int, feeProgramIndicator: String, cardAcceptorId: String, terminalId: String,
                ecommerceIndicator: String) {
        self.record = record
        self.feeProgramIndicator = feeProgramIndicator
        self.cardAcceptorId = cardAcceptorId
        self.terminalId = terminalId
        self.ecommerceIndicator = ecommerceIndicator
    }
}
