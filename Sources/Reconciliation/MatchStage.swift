/// The match stages, in the order they are tried, with the keys each one needs to agree.
public enum MatchStage: String, Sendable, Hashable {
    case arn
    case visaTransactionId = "visa_transaction_id"
    case fallback
    case manual

    /// The keys that agreed when this stage matched (the evidence an operator sees).
    public var keys: [String] {
        switch self {
        case .arn: Self.arnKeys
        case .visaTransactionId: Self.transactionIdKeys
        case .fallback: Self.fallbackKeys
        case .manual: Self.manualKeys
        }
    }

    static let arnKeys = ["arn"]
    static let transactionIdKeys = ["visaTransactionId"]
    static let fallbackKeys = ["tokenRef", "authCode", "sourceAmount", "sourceCurrency", "purchaseDate±1"]
    static let manualKeys = ["operator", "sourceAmount", "sourceCurrency"]
}
