import LedgerDomain

/// Why a payout was skipped (stable codes: tools depend on them). In every case nothing is
/// posted and the balance is carried forward to the next settlement.
public enum SkipReason: String, Sendable, CaseIterable {
    /// No FxRateRecorded for payable currency → settlement currency with asOf ≤ end of the date.
    case noRate = "no_rate"
    /// The owed amount is below `--min-payout` for its currency.
    case belowMinimum = "below_minimum"
    /// The merchant's payouts are held (`HoldPayouts`).
    case onHold = "on_hold"
    /// The payable account is in debit: the merchant owes (refunds, chargebacks).
    case debitBalance = "debit_balance"
    /// The converted amount rounds (half-even) to zero in the settlement currency.
    case roundsToZero = "rounds_to_zero"
    /// The converted amount does not fit the settlement currency's range.
    case conversionOverflow = "conversion_overflow"
    /// The payable belongs to a party that is not a registered seller with a settlement currency.
    case noSettlementCurrency = "no_settlement_currency"
}
