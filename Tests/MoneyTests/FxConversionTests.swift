import Testing
@testable import Money

@Suite struct FxConversionTests {
    @Test func parsesRatesWithUpTo10FractionDigits() throws {
        #expect(try FxRate(parsing: "0.9234").numerator == 9_234_000_000)
        #expect(try FxRate(parsing: "7.8").numerator == 78_000_000_000)
        #expect(try FxRate(parsing: "0.0000000001").numerator == 1)
        #expect(try FxRate(parsing: "0.9234").decimalString == "0.9234000000")
        #expect(try FxRate(parsing: "99999999.9999999999").numerator == 999_999_999_999_999_999)
    }

    @Test func refusesBadRates() {
        #expect(throws: MoneyError(.invalidRate, "an FX rate has at most 10 decimal places")) { try FxRate(parsing: "0.00000000001") }
        #expect(throws: MoneyError(.invalidRate, "an FX rate must be greater than zero")) { try FxRate(parsing: "0") }
        #expect(throws: MoneyError(.invalidRate, "an FX rate must be greater than zero")) { try FxRate(parsing: "-1.2") }
        #expect(throws: MoneyError.self) { try FxRate(parsing: "1e3") }
        #expect(throws: MoneyError.self) { try FxRate(parsing: "922337203.6854775808") }
        #expect(throws: MoneyError.self) { try FxRate(parsing: "") }
    }

    @Test func convertsBetweenDifferentExponents() throws {
        // 1000 JPY at 0.0021 KWD/JPY = 2.100 KWD
        let jpy = Amount(minorUnits: 1000, currency: .jpy)
        #expect(try convert(jpy, rate: FxRate(parsing: "0.0021"), to: .kwd, rounding: .halfEven).minorUnits == 2100)
        // 1.000 KWD at 476.19 JPY/KWD = 476 JPY (476.19 rounds down)
        let kwd = Amount(minorUnits: 1000, currency: .kwd)
        #expect(try convert(kwd, rate: FxRate(parsing: "476.19"), to: .jpy, rounding: .halfEven).minorUnits == 476)
        // 100.00 HKD at 0.128 USD = 12.80 USD
        let hkd = Amount(minorUnits: 10_000, currency: .hkd)
        #expect(try convert(hkd, rate: FxRate(parsing: "0.128"), to: .usd, rounding: .halfEven) == Amount(minorUnits: 1280, currency: .usd))
    }

    @Test func conversionTiesAreHalfEven() throws {
        // 0.25 USD × 0.5 = 0.125 → 0.12; 0.35 × 0.5 = 0.175 → 0.18; negative mirrors.
        let half = try FxRate(parsing: "0.5")
        #expect(try convert(Amount(minorUnits: 25, currency: .usd), rate: half, to: .eur, rounding: .halfEven).minorUnits == 12)
        #expect(try convert(Amount(minorUnits: 35, currency: .usd), rate: half, to: .eur, rounding: .halfEven).minorUnits == 18)
        #expect(try convert(Amount(minorUnits: -25, currency: .usd), rate: half, to: .eur, rounding: .halfEven).minorUnits == -12)
        #expect(try convert(Amount(minorUnits: 5, currency: .jpy), rate: half, to: .krw, rounding: .halfEven).minorUnits == 2)
    }

    @Test func extremeValuesComputeWithoutIntermediateOverflow() throws {
        let maxHKD = Amount(minorUnits: Int64.max, currency: .hkd)
        let one = try FxRate(parsing: "1")
        #expect(try convert(maxHKD, rate: one, to: .usd, rounding: .halfEven).minorUnits == Int64.max)
        let minHKD = Amount(minorUnits: Int64.min, currency: .hkd)
        #expect(try convert(minHKD, rate: one, to: .usd, rounding: .halfEven).minorUnits == Int64.min)
        // Smallest rate on the largest amount: Int64.max × 1e-10 = 922337203.6854775807 → 922337204
        let tiny = FxRate(numerator: 1)
        #expect(try convert(maxHKD, rate: tiny, to: .usd, rounding: .halfEven).minorUnits == 922_337_204)
        // Largest rate on the largest amount, scaled down to an exponent-0 currency, still overflows.
        let huge = FxRate(numerator: Int64.max)
        #expect(throws: MoneyError.self) { try convert(maxHKD, rate: huge, to: .jpy, rounding: .halfEven) }
        // JPY → CLF (exponent 4) at the largest rate: overflow is reported, not trapped.
        #expect(throws: MoneyError.self) {
            try convert(Amount(minorUnits: Int64.max, currency: .jpy), rate: huge, to: Currency(code: "CLF")!, rounding: .halfEven)
        }
        // A small amount at the largest rate fits: 1 JPY × 922337203.6854775807 into CLF overflows? 9.2e12 fits.
        let small = try convert(Amount(minorUnits: 1, currency: .jpy), rate: huge, to: Currency(code: "CLF")!, rounding: .halfEven)
        #expect(small.minorUnits == 9_223_372_036_855)
    }
}
