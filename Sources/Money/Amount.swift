/// An amount of money: an `Int64` count of minor units of one currency.
///
/// Arithmetic traps on `Int64` overflow (Swift's default). Mixing currencies in `+`, `-` or `<` is a
/// programmer error and fails a `precondition` (kept in release builds); code that cannot know the
/// currencies agree ahead of time calls the throwing `adding(_:)` / `subtracting(_:)` instead,
/// which also report overflow as a `MoneyError` rather than trapping.
public struct Amount: Hashable, Sendable {
    public let minorUnits: Int64
    public let currency: Currency

    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    public static func zero(_ currency: Currency) -> Amount { Amount(minorUnits: 0, currency: currency) }

    public var isZero: Bool { minorUnits == 0 }
    public var isNegative: Bool { minorUnits < 0 }
    public var isPositive: Bool { minorUnits > 0 }

    @inline(__always)
    static func requireSameCurrency(_ lhs: Amount, _ rhs: Amount) {
        precondition(lhs.currency == rhs.currency, "currency mismatch: \(lhs.currency) and \(rhs.currency)")
    }

    public static func + (lhs: Amount, rhs: Amount) -> Amount {
        requireSameCurrency(lhs, rhs)
        return Amount(minorUnits: lhs.minorUnits + rhs.minorUnits, currency: lhs.currency)
    }

    public static func - (lhs: Amount, rhs: Amount) -> Amount {
        requireSameCurrency(lhs, rhs)
        return Amount(minorUnits: lhs.minorUnits - rhs.minorUnits, currency: lhs.currency)
    }

    public static prefix func - (amount: Amount) -> Amount {
        Amount(minorUnits: -amount.minorUnits, currency: amount.currency)
    }

    public static func * (lhs: Amount, rhs: Int64) -> Amount {
        Amount(minorUnits: lhs.minorUnits * rhs, currency: lhs.currency)
    }

    public static func += (lhs: inout Amount, rhs: Amount) { lhs = lhs + rhs }
    public static func -= (lhs: inout Amount, rhs: Amount) { lhs = lhs - rhs }

    /// Sum that throws on a currency mismatch or `Int64` overflow instead of trapping.
    public func adding(_ other: Amount) throws(MoneyError) -> Amount {
        try checkSameCurrency(other)
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        if overflow { throw MoneyError(.overflow, "\(currency) sum is out of range") }
        return Amount(minorUnits: sum, currency: currency)
    }

    /// Difference that throws on a currency mismatch or `Int64` overflow instead of trapping.
    public func subtracting(_ other: Amount) throws(MoneyError) -> Amount {
        try checkSameCurrency(other)
        let (difference, overflow) = minorUnits.subtractingReportingOverflow(other.minorUnits)
        if overflow { throw MoneyError(.overflow, "\(currency) difference is out of range") }
        return Amount(minorUnits: difference, currency: currency)
    }

    /// Product that throws on `Int64` overflow (e.g. invoice quantity × unit price).
    public func multiplied(by factor: Int64) throws(MoneyError) -> Amount {
        let (product, overflow) = minorUnits.multipliedReportingOverflow(by: factor)
        if overflow { throw MoneyError(.overflow, "\(currency) product is out of range") }
        return Amount(minorUnits: product, currency: currency)
    }

    private func checkSameCurrency(_ other: Amount) throws(MoneyError) {
        if other.currency != currency {
            throw MoneyError(.currencyMismatch, "cannot combine \(currency) with \(other.currency)")
        }
    }
}

extension Amount: Comparable {
    /// Orders amounts of one currency; comparing different currencies fails a precondition.
    public static func < (lhs: Amount, rhs: Amount) -> Bool {
        requireSameCurrency(lhs, rhs)
        return lhs.minorUnits < rhs.minorUnits
    }
}
