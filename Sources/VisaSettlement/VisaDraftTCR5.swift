/// Draft TCR 5: Visa transaction id, authorization amount and interchange fee.
public struct VisaDraftTCR5: Hashable, Sendable {
    /// Record number of this TCR.
    public var record: Int
    /// Positions 5-19, 15 digits.
    public var visaTransactionId: String
    /// Positions 20-31, minor units of `authorizationCurrency`.
    public var authorizedAmount: Int64
    /// Positions 32-34.
    public var authorizationCurrency: VisaCurrency
    /// Positions 92-106: the fee's magnitude in millionths of a major unit of the draft's
    /// destination currency (6 implied decimals, kept exact).
    public var interchangeFeeMicros: Int64
    /// Position 107.
    public var interchangeFeeSign: VisaFeeSign

    public init(record: Int, visaTransactionId: String, authorizedAmount: Int64,
                authorizationCurrency: VisaCurrency, interchangeFeeMicros: Int64,
                interchangeFeeSign: VisaFeeSign) {
        self.record = record
        self.visaTransactionId = visaTransactionId
        self.authorizedAmount = authorizedAmount
        self.authorizationCurrency = authorizationCurrency
        self.interchangeFeeMicros = interchangeFeeMicros
        self.interchangeFeeSign = interchangeFeeSign
    }

    /// The fee with its sign: positive when the receiving member receives (C).
    public var signedInterchangeFeeMicros: Int64 {
        interchangeFeeSign == .credit ? interchangeFeeMicros : -interchangeFeeMicros
    }
}
