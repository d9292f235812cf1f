/// Converts `amount` into `target` at `rate` (target units per unit of the amount's currency),
/// rounded by `rule` to the target currency's exponent.
///
/// result_minor = amount_minor × numerator × 10^e_target / (10^10 × 10^e_source). Because exponents
/// are at most 4 (< 10), the divisor 10^(10 + e_source − e_target) is a whole number and the
/// product amount_minor × numerator (< 2^126) fits `Int128`: nothing overflows before rounding.
/// A result outside `Int64` throws `MoneyError` (`.overflow`) rather than trapping, because it
/// depends on data (a rate), not on a programmer's mistake.
public func convert(_ amount: Amount, rate: FxRate, to target: Currency, rounding rule: RoundingRule) throws(MoneyError) -> Amount {
    let divisorExponent = FxRate.fractionDigitsMax + amount.currency.exponent - target.exponent
    precondition(divisorExponent >= 0 && divisorExponent <= 30, "currency exponents out of range")
    var divisor: Int128 = 1
    for _ in 0..<divisorExponent { divisor *= 10 }
    let product = Int128(amount.minorUnits) * Int128(rate.numerator)
    guard let minor = divideToInt64(product, by: divisor, rounding: rule) else {
        throw MoneyError(.overflow, "\(amount.currency) \(amount.decimalString) at rate \(rate) is too large for \(target)")
    }
    return Amount(minorUnits: minor, currency: target)
}

extension FxRate {
    /// `convert(amount, rate: self, to: target, rounding: rule)`.
    public func convert(_ amount: Amount, to target: Currency, rounding rule: RoundingRule) throws(MoneyError) -> Amount {
        try Money.convert(amount, rate: self, to: target, rounding: rule)
    }
}
