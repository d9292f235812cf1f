/// Percentages, proportions and splits of an amount, each with its rounding named by the caller.
/// Intermediate products are `Int128`, so they never overflow; a result that does not fit `Int64`
/// traps (like the other arithmetic on `Amount`), which cannot happen for ratios ≤ 1.
extension Amount {
    /// Basis points in one whole (100% = 10000 bps).
    public static let basisPointsPerWhole: Int64 = 10_000

    /// amount × bps / 10000, rounded by `rule` (commission, subsidy rate).
    public func percentage(bps: Int64, rounding rule: RoundingRule) -> Amount {
        proportion(numerator: bps, denominator: Amount.basisPointsPerWhole, rounding: rule)
    }

    /// amount × numerator / denominator, rounded by `rule`; `denominator` must not be zero.
    public func proportion(numerator: Int64, denominator: Int64, rounding rule: RoundingRule) -> Amount {
        precondition(denominator != 0, "proportion with zero denominator")
        let product = Int128(minorUnits) * Int128(numerator)
        guard let result = divideToInt64(product, by: Int128(denominator), rounding: rule) else {
            preconditionFailure("proportion of \(self) overflows Int64")
        }
        return Amount(minorUnits: result, currency: currency)
    }

    /// Splits the amount in proportion to `weights` (each ≥ 0, sum > 0) so that the parts always
    /// sum to the whole exactly. Rounding is cumulative: part i = round(whole × (w1+…+wi) / W) −
    /// round(whole × (w1+…+w(i−1)) / W), so each part has the sign of the whole (never a negative
    /// leftover), and the last part takes the remainder.
    public func split(weights: [Int64], rounding rule: RoundingRule) -> [Amount] {
        precondition(!weights.isEmpty, "split needs at least one weight")
        precondition(weights.allSatisfy { $0 >= 0 }, "split weights must not be negative")
        let total = weights.reduce(Int128(0)) { $0 + Int128($1) }
        precondition(total > 0, "split weights must not all be zero")
        precondition(total <= Int128(Int64.max), "split weights sum out of range")
        var parts: [Amount] = []
        parts.reserveCapacity(weights.count)
        var cumulativeWeight: Int128 = 0
        var allocated: Int64 = 0
        for weight in weights.dropLast() {
            cumulativeWeight += Int128(weight)
            let target = divide(Int128(minorUnits) * cumulativeWeight, by: total, rounding: rule)
            let cumulative = Int64(target)  // |target| ≤ |minorUnits| because cumulativeWeight ≤ total
            parts.append(Amount(minorUnits: cumulative - allocated, currency: currency))
            allocated = cumulative
        }
        parts.append(Amount(minorUnits: minorUnits - allocated, currency: currency))
        return parts
    }
}
