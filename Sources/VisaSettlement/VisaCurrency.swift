import Money

/// An ISO 4217 currency as the Visa file names it (3-digit numeric code), with its alpha code and
/// minor-unit exponent: a copy of `Money.Currency`'s facts (the project's one ISO 4217 table),
/// laid out for the reader's hot path (a direct lookup by numeric code, no hashing).
public struct VisaCurrency: Hashable, Sendable, CustomStringConvertible {
    /// ISO 4217 numeric code, e.g. 344.
    public let numeric: Int
    /// ISO 4217 alpha code, e.g. "HKD".
    public let code: String
    /// Number of minor-unit digits: 2 for HKD, 0 for JPY, 3 for KWD.
    public let exponent: Int

    public var description: String { code }

    /// The numeric code as written in the file, zero padded: "048".
    public var numericText: String {
        numeric < 10 ? "00\(numeric)" : numeric < 100 ? "0\(numeric)" : "\(numeric)"
    }

    init(_ numeric: Int, _ code: String, _ exponent: Int) {
        self.numeric = numeric
        self.code = code
        self.exponent = exponent
    }

    /// The currency with this ISO numeric code, or nil when the table does not know it.
    public static func find(numeric: Int) -> VisaCurrency? {
        guard numeric >= 0, numeric < byNumeric.count else { return nil }
        return byNumeric[numeric]
    }

    /// The currency with this ISO alpha code, or nil when the table does not know it.
    public static func find(code: String) -> VisaCurrency? {
        all.first { $0.code == code }
    }

    public init(_ currency: Currency) { self.init(currency.numeric, currency.code, currency.exponent) }

    /// The `Money.Currency` this is.
    public var currency: Currency {
        guard let c = Currency(numeric: numeric) else { preconditionFailure("VisaCurrency \(code) is not in Money's table") }
        return c
    }

    static func known(_ code: String) -> VisaCurrency {
        guard let c = Currency(code: code) else { preconditionFailure("\(code) is not in Money's ISO 4217 table") }
        return VisaCurrency(c)
    }

    public static let cny = known("CNY")
    public static let hkd = known("HKD")
    public static let mop = known("MOP")
    public static let twd = known("TWD")
    public static let usd = known("USD")
    public static let eur = known("EUR")
    public static let gbp = known("GBP")
    public static let sgd = known("SGD")
    public static let jpy = known("JPY")
    public static let krw = known("KRW")
    public static let kwd = known("KWD")
    public static let bhd = known("BHD")

    /// Every active ISO 4217 currency, in numeric order.
    public static let all: [VisaCurrency] = Currency.all.map(VisaCurrency.init).sorted { $0.numeric < $1.numeric }

    /// Direct lookup by numeric code (0...999), so the reader's hot path does no hashing.
    private static let byNumeric: [VisaCurrency?] = {
        var table = [VisaCurrency?](repeating: nil, count: 1000)
        for currency in all where currency.numeric >= 0 && currency.numeric < 1000 { table[currency.numeric] = currency }
        return table
    }()
}
