import LedgerDomain
import Money

/// The payout rule for one merchant and payable currency (DOMAIN.md "Batch settlement"), pure.
///
/// Order of checks: a debit balance (the merchant owes) is carried forward; a held merchant is
/// skipped; the owed amount below the currency's minimum is carried forward; across currencies
/// the latest rate for (payable → settlement currency) with asOf ≤ the end of the date converts
/// it, rounded half-even; no rate, a zero result or an overflow is skipped. A zero balance is
/// neither paid nor listed.
public enum PayoutRules {
    public enum Outcome: Sendable, Equatable {
        case pay(PlannedPayout)
        case skip(SkippedPayout)
        case nothing
    }

    /// - Parameters:
    ///   - balance: the payable account as of the end of `date`, debit-positive (owed is negative).
    ///   - settlementCurrency: the merchant's, nil when it is not a registered seller.
    ///   - rate: the rate for (balance currency → settlement currency) as of the end of `date`.
    ///   - minimum: `--min-payout` for the balance's currency.
    public static func decide(merchantId: String, balance: Amount, settlementCurrency: Currency?, held: Bool,
                              minimum: Amount?, rate: FxRate?, date: CalendarDay) -> Outcome {
        func skip(_ reason: SkipReason, _ detail: String) -> Outcome {
            .skip(SkippedPayout(merchantId: merchantId, currency: balance.currency, balance: balance, reason: reason, detail: detail))
        }
        if balance.isZero { return .nothing }
        if balance.isPositive { return skip(.debitBalance, "the merchant owes \(balance.decimalString) \(balance.currency); carried forward") }
        let owed = -balance
        guard let settlementCurrency else { return skip(.noSettlementCurrency, "\(merchantId) is not a seller with a settlement currency") }
        if held { return skip(.onHold, "payouts are on hold") }
        if let minimum, owed < minimum {
            return skip(.belowMinimum, "\(owed.decimalString) is below the minimum payout of \(minimum.decimalString) \(minimum.currency)")
        }
        if settlementCurrency == owed.currency {
            return .pay(PlannedPayout(merchantId: merchantId, amount: owed, payoutAmount: owed, rate: nil, settlementDate: date))
        }
        guard let rate else {
            return skip(.noRate, "no \(owed.currency)→\(settlementCurrency) rate recorded as of \(date.endOfDay.rfc3339)")
        }
        let converted: Amount
        do {
            converted = try rate.convert(owed, to: settlementCurrency, rounding: .halfEven)
        } catch {
            return skip(.conversionOverflow, error.description)
        }
        if converted.isZero {
            return skip(.roundsToZero, "\(owed.decimalString) \(owed.currency) at \(rate.decimalString) rounds to zero \(settlementCurrency)")
        }
        return .pay(PlannedPayout(merchantId: merchantId, amount: owed, payoutAmount: converted, rate: rate, settlementDate: date))
    }
}
