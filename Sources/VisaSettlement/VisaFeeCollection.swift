/// TC 10 (fee collection) or TC 20 (funds disbursement), TCR 0.
///
/// Decision: the 12-digit amounts carry two implied decimals like the draft amounts, and are
/// converted to minor units the same way.
public struct VisaFeeCollection: Hashable, Sendable {
    public enum Code: Int, Hashable, Sendable {
        case feeCollection = 10
        case fundsDisbursement = 20
        public var tc: String { "\(rawValue)" }
    }

    /// The reason code of a promotion credit reward funding (TC 20).
    public static let subsidyReasonCode = "5300"
    /// The message text prefix of a TC 20 / 5300 in this profile.
    public static let subsidyMessagePrefix = "SUBSIDY "

    /// Record number of the TCR 0.
    public var record: Int
    public var code: Code
    /// Position 3.
    public var qualifier: Int
    /// Positions 5-10.
    public var destinationBIN: String
    /// Positions 11-16.
    public var sourceBIN: String
    /// Positions 17-20.
    public var reasonCode: String
    /// Positions 24-27 (MMDD).
    public var eventDate: VisaDate
    /// Positions 47-58.
    public var destinationAmount: Int64
    /// Positions 59-61.
    public var destinationCurrency: VisaCurrency
    /// Positions 62-73.
    public var sourceAmount: Int64
    /// Positions 74-76.
    public var sourceCurrency: VisaCurrency
    /// Positions 77-146, trailing spaces removed.
    public var messageText: String
    /// Positions 148-162, trailing spaces removed.
    public var transactionId: String
    /// Positions 164-167 (YDDD).
    public var centralProcessingDate: VisaDate

    public init(record: Int, code: Code, qualifier: Int = 0, destinationBIN: String, sourceBIN: String,
                reasonCode: String, eventDate: VisaDate, destinationAmount: Int64,
                destinationCurrency: VisaCurrency, sourceAmount: Int64, sourceCurrency: VisaCurrency,
                messageText: String, transactionId: String, centralProcessingDate: VisaDate) {
        self.record = record
        self.code = code
        self.qualifier = qualifier
        self.destinationBIN = destinationBIN
        self.sourceBIN = sourceBIN
        self.reasonCode = reasonCode
        self.eventDate = eventDate
        self.destinationAmount = destinationAmount
        self.destinationCurrency = destinationCurrency
        self.sourceAmount = sourceAmount
        self.sourceCurrency = sourceCurrency
        self.messageText = messageText
        self.transactionId = transactionId
        self.centralProcessingDate = centralProcessingDate
    }

    /// The subsidy programme of a TC 20 / 5300 whose message is `SUBSIDY {programId}`.
    public var subsidyProgramId: String? {
        guard code == .fundsDisbursement, reasonCode == Self.subsidyReasonCode,
              messageText.hasPrefix(Self.subsidyMessagePrefix) else { return nil }
        let id = messageText.dropFirst(Self.subsidyMessagePrefix.count)
        return id.isEmpty ? nil : String(id)
    }
}
