/// How a quotient is rounded to an integer. Named at every call site (DOMAIN.md "Money").
public enum RoundingRule: Sendable, Hashable {
    /// Round to nearest; ties to the even neighbour (banker's rounding): 0.5 → 0, 1.5 → 2,
    /// 2.5 → 2, −0.5 → 0, −1.5 → −2, −2.5 → −2.
    case halfEven
    /// Truncate toward zero: 1.9 → 1, −1.9 → −1.
    case towardZero
}

/// `numerator / denominator` rounded by `rule`, exact in `Int128`.
/// A zero denominator is a programmer error (`precondition`).
public func divide(_ numerator: Int128, by denominator: Int128, rounding rule: RoundingRule) -> Int128 {
    precondition(denominator != 0, "division by zero")
    precondition(denominator != Int128.min && numerator != Int128.min, "Int128.min operand")
    let quotient = numerator / denominator
    let remainder = numerator % denominator
    if remainder == 0 { return quotient }
    switch rule {
    case .towardZero:
        return quotient
    case .halfEven:
        let remainderMagnitude = remainder.magnitude
        let rest = denominator.magnitude - remainderMagnitude
        // The exact value lies between quotient and the next integer away from zero.
        let awayFromZero: Int128 = (numerator < 0) != (denominator < 0) ? quotient - 1 : quotient + 1
        if remainderMagnitude > rest { return awayFromZero }
        if remainderMagnitude < rest { return quotient }
        return quotient % 2 == 0 ? quotient : awayFromZero
    }
}

/// `divide` narrowed to `Int64`; nil when the rounded quotient does not fit.
public func divideToInt64(_ numerator: Int128, by denominator: Int128, rounding rule: RoundingRule) -> Int64? {
    Int64(exactly: divide(numerator, by: denominator, rounding: rule))
}
