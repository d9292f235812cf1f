/// An ISO 4217 currency as the Visa file names it (3-digit numeric code), with its alpha code and
/// minor-unit exponent.
///
/// This is a small internal table of the currencies the ledger settles in; it lives in this one
/// file so it can be swapped for `Money.Currency` once that module's API is settled.
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

    public static let cny = VisaCurrency(156, "CNY", 2)
    public static let hkd = VisaCurrency(344, "HKD", 2)
    public static let mop = VisaCurrency(446, "MOP", 2)
    public static let twd = VisaCurrency(901, "TWD", 2)
    public static let usd = VisaCurrency(840, "USD", 2)
    public static let eur = VisaCurrency(978, "EUR", 2)
    public static let gbp = VisaCurrency(826, "GBP", 2)
    public static let sgd = VisaCurrency(702, "SGD", 2)
    public static let jpy = VisaCurrency(392, "JPY", 0)
    public static let krw = VisaCurrency(410, "KRW", 0)
    public static let kwd = VisaCurrency(414, "KWD", 3)
    public static let bhd = VisaCurrency(48, "BHD", 3)
    public static let aud = VisaCurrency(36, "AUD", 2)
    public static let cad = VisaCurrency(124, "CAD", 2)
    public static let chf = VisaCurrency(756, "CHF", 2)
    public static let myr = VisaCurrency(458, "MYR", 2)
    public static let thb = VisaCurrency(764, "THB", 2)
    public static let idr = VisaCurrency(360, "IDR", 2)
    public static let php = VisaCurrency(608, "PHP", 2)
    public static let vnd = VisaCurrency(704, "VND", 0)

    /// Every currency the table knows, in numeric order.
    public static let all: [VisaCurrency] = [
        bhd, aud, cad, cny, hkd, idr, jpy, krw, kwd, mop,
        myr, php, sgd, vnd, thb, chf, gbp, usd, twd, eur,
    ]

    /// Direct lookup by numeric code (0...999), so the reader's hot path does no hashing.
    private static let byNumeric: [VisaCurrency?] = {
        var table = [VisaCurrency?](repeating: nil, count: 1000)
        for currency in all { table[currency.numeric] = currency }
        return table
    }()
}
