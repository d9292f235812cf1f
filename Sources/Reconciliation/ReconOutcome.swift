/// The outcomes of RECONCILIATION.md, in report order. Every outcome but `matched` opens an
/// exception.
public enum ReconOutcome: String, Sendable, Hashable, CaseIterable {
    case matched
    case amountMismatch = "amount_mismatch"
    case currencyMismatch = "currency_mismatch"
    case missingInLedger = "missing_in_ledger"
    case duplicatePresentment = "duplicate_presentment"
    case ambiguousMatch = "ambiguous_match"
    case chargebackUnknownPayment = "chargeback_unknown_payment"
    case missingInFile = "missing_in_file"
    case netMismatch = "net_mismatch"
}

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
