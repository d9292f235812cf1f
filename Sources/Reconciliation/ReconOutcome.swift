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
