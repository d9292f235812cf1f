/// An ISO 4217 currency from the ledger's own table (`CurrencyTable.swift`).
///
/// A `Currency` is a small index into the table, so hashing and comparing are cheap; it compares by
/// its alphabetic code. Lookups are failable (`init?(code:)`, `init?(numeric:)`); `parse` throws a
/// `MoneyError` that names the bad code.
public struct Currency: Hashable, Sendable, Comparable {
    let index: UInt16

    init(index: Int) {
        precondition(index >= 0 && index < CurrencyRegistry.rows.count, "currency index out of range")
        self.index = UInt16(index)
    }

    /// Looks up an upper-case three-letter code such as "HKD"; nil when not an active ISO 4217 code.
    public init?(code: String) {
        var copy = code
        let found: Currency? = copy.withUTF8 { Currency(codeBytes: $0) }
        guard let found else { return nil }
        self = found
    }

    /// Looks up the code from UTF-8 bytes (the JSON parser's fast path). Lower case is not accepted.
    public init?(codeBytes bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 3 else { return nil }
        let packed = CurrencyRegistry.pack(bytes[0], bytes[1], bytes[2])
        guard let index = CurrencyRegistry.index(packedCode: packed) else { return nil }
        self.init(index: index)
    }

    /// Looks up an ISO 4217 numeric code such as 344 (HKD).
    public init?(numeric: Int) {
        guard numeric >= 0 && numeric < 1000 else { return nil }
        let index = CurrencyRegistry.indexByNumeric[numeric]
        guard index >= 0 else { return nil }
        self.init(index: Int(index))
    }

    /// Throwing lookup for callers that report errors: `unknown currency "HKX"`.
    public static func parse(_ code: String) throws(MoneyError) -> Currency {
        guard let currency = Currency(code: code) else {
            throw MoneyError(.unknownCurrency, "unknown currency \(MoneyError.quoted(code)) (expected an ISO 4217 code such as HKD)")
        }
        return currency
    }

    var info: CurrencyInfo { CurrencyRegistry.rows[Int(index)] }

    /// The alphabetic code, e.g. "HKD".
    public var code: String { info.code }
    /// The numeric code, e.g. 344 for HKD.
    public var numeric: Int { Int(info.numeric) }
    /// Digits after the decimal point in major units: 2 for HKD, 0 for JPY, 3 for KWD, 4 for CLF.
    public var exponent: Int { Int(info.exponent) }
    /// 10^exponent: minor units in one major unit.
    public var minorUnitsPerMajor: Int64 { info.minorPerMajor }

    /// Every currency of the table, sorted by code.
    public static var all: [Currency] { (0..<CurrencyRegistry.rows.count).map { Currency(index: $0) } }

    public static func < (lhs: Currency, rhs: Currency) -> Bool { lhs.index < rhs.index }
}

extension Currency: CustomStringConvertible {
    public var description: String { code }
}

extension Currency {
    public static let cny = Currency(code: "CNY")!
    public static let hkd = Currency(code: "HKD")!
    public static let mop = Currency(code: "MOP")!
    public static let twd = Currency(code: "TWD")!
    public static let usd = Currency(code: "USD")!
    public static let eur = Currency(code: "EUR")!
    public static let gbp = Currency(code: "GBP")!
    public static let sgd = Currency(code: "SGD")!
    public static let jpy = Currency(code: "JPY")!
    public static let krw = Currency(code: "KRW")!
    public static let kwd = Currency(code: "KWD")!
}
