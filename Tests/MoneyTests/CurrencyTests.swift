import Testing
@testable import Money

@Suite struct CurrencyTests {
    static let expected: [(String, Int, Int)] = [
        ("CNY", 156, 2), ("HKD", 344, 2), ("MOP", 446, 2), ("TWD", 901, 2), ("USD", 840, 2),
        ("EUR", 978, 2), ("GBP", 826, 2), ("SGD", 702, 2), ("JPY", 392, 0), ("KRW", 410, 0),
        ("KWD", 414, 3), ("BHD", 48, 3), ("JOD", 400, 3), ("OMR", 512, 3), ("TND", 788, 3),
        ("LYD", 434, 3), ("IQD", 368, 3), ("CLF", 990, 4), ("UYW", 927, 4), ("VND", 704, 0),
        ("ISK", 352, 0), ("XOF", 952, 0), ("XAF", 950, 0), ("XPF", 953, 0), ("CLP", 152, 0),
        ("PYG", 600, 0), ("UGX", 800, 0), ("VUV", 548, 0), ("BIF", 108, 0), ("DJF", 262, 0),
        ("GNF", 324, 0), ("KMF", 174, 0), ("RWF", 646, 0), ("UYI", 940, 0), ("AUD", 36, 2),
        ("CAD", 124, 2), ("CHF", 756, 2), ("INR", 356, 2), ("THB", 764, 2), ("MYR", 458, 2),
        ("PHP", 608, 2), ("IDR", 360, 2), ("NZD", 554, 2), ("AED", 784, 2), ("SAR", 682, 2),
    ]

    @Test func listedCurrenciesHaveTheirNumericCodeAndExponent() throws {
        for (code, numeric, exponent) in Self.expected {
            let currency = try #require(Currency(code: code), "\(code)")
            #expect(currency.code == code)
            #expect(currency.numeric == numeric, "\(code)")
            #expect(currency.exponent == exponent, "\(code)")
            #expect(Currency(numeric: numeric) == currency, "\(code)")
        }
    }

    @Test func everyTableEntryRoundTripsByCodeAndNumeric() {
        let all = Currency.all
        #expect(all.count >= 150)
        for currency in all {
            #expect(Currency(code: currency.code) == currency)
            #expect(Currency(numeric: currency.numeric) == currency)
            #expect((0...4).contains(currency.exponent))
            #expect(currency.minorUnitsPerMajor == [1, 10, 100, 1000, 10000][currency.exponent])
        }
        #expect(Set(all.map(\.numeric)).count == all.count)
        #expect(zip(all, all.dropFirst()).allSatisfy { $0.code < $1.code })
    }

    @Test func withdrawnAndNonMonetaryCodesAreAbsent() {
        for code in ["HRK", "XAU", "XDR", "XTS", "XXX", "hkd", "HK", "HKDD", ""] {
            #expect(Currency(code: code) == nil, "\(code)")
        }
        #expect(Currency(numeric: 0) == nil)
        #expect(Currency(numeric: 1000) == nil)
        #expect(Currency(numeric: -1) == nil)
    }

    @Test func parseThrowsANamedError() {
        #expect(throws: MoneyError(.unknownCurrency, "unknown currency \"HKX\" (expected an ISO 4217 code such as HKD)")) {
            try Currency.parse("HKX")
        }
    }

    @Test func comparesByCode() {
        #expect(Currency.cny < Currency.hkd)
        #expect(Currency.usd > Currency.jpy)
        #expect([Currency.usd, .eur, .cny].sorted() == [.cny, .eur, .usd])
    }
}
