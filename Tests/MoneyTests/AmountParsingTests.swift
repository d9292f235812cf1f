import Testing
@testable import Money

@Suite struct AmountParsingTests {
    func minor(_ text: String, _ currency: Currency, negative: Bool = false) throws(MoneyError) -> Int64 {
        try Amount(parsing: text, currency: currency, allowNegative: negative).minorUnits
    }

    @Test func parsesExactDecimalsInMajorUnits() throws {
        #expect(try minor("1234.5", .hkd) == 123_450)
        #expect(try minor("1234.50", .hkd) == 123_450)
        #expect(try minor("1234", .hkd) == 123_400)
        #expect(try minor("0.01", .hkd) == 1)
        #expect(try minor("1500", .jpy) == 1500)
        #expect(try minor("1.234", .kwd) == 1234)
        #expect(try minor("0.000", .kwd) == 0)
        #expect(try minor("1.2345", Currency(code: "CLF")!) == 12345)
        #expect(try minor("007.50", .usd) == 750)
        #expect(try minor("-0.05", .usd, negative: true) == -5)
        #expect(try minor("-0", .usd, negative: true) == 0)
        #expect(try minor("999999999999999999", .jpy) == 999_999_999_999_999_999)
        #expect(try minor("9999999999999999.99", .hkd) == 999_999_999_999_999_999)
        #expect(try minor("-9999999999999999.99", .hkd, negative: true) == -999_999_999_999_999_999)
    }

    @Test func refusesMoreDecimalPlacesThanTheCurrencyHas() {
        #expect(throws: MoneyError(.tooManyDecimalPlaces, "HKD has 2 decimal places")) { try minor("1234.505", .hkd) }
        #expect(throws: MoneyError(.tooManyDecimalPlaces, "JPY has 0 decimal places")) { try minor("1500.5", .jpy) }
        #expect(throws: MoneyError(.tooManyDecimalPlaces, "JPY has 0 decimal places")) { try minor("1500.0", .jpy) }
        #expect(throws: MoneyError(.tooManyDecimalPlaces, "KWD has 3 decimal places")) { try minor("1.0000", .kwd) }
    }

    @Test(arguments: ["", ".", "1.", ".5", "-", "+1", "1e3", "1E3", "1,234.50", "1 234", " 1", "1 ", "1.2.3",
                      "12a", "0x10", "١٢", "--1", "1-", "NaN", "Infinity", "1_000"])
    func refusesMalformedText(_ text: String) {
        #expect(throws: MoneyError.self) { try minor(text, .hkd, negative: true) }
        do { _ = try minor(text, .hkd, negative: true) } catch {
            #expect(error.kind == .invalidDecimal, "\(text): \(error)")
        }
    }

    @Test func namesTheGrammarProblem() {
        #expect(throws: MoneyError(.invalidDecimal, "a leading \"+\" is not allowed")) { try minor("+1", .hkd) }
        #expect(throws: MoneyError(.invalidDecimal, "not a decimal amount: write a digit before \".\" (\"0.50\", not \".50\")")) {
            try minor(".5", .hkd)
        }
        #expect(throws: MoneyError(.invalidDecimal, "not a decimal amount: write digits after \".\" or leave the \".\" out")) {
            try minor("1.", .hkd)
        }
        #expect(throws: MoneyError(.invalidDecimal, "an empty amount (expected digits like \"1234.50\")")) { try minor("", .hkd) }
    }

    @Test func refusesNegativesUnlessTheCallerAllowsThem() {
        #expect(throws: MoneyError(.negativeNotAllowed, "a negative amount is not allowed here")) { try minor("-1.00", .hkd) }
        #expect(throws: MoneyError(.negativeNotAllowed, "a negative amount is not allowed here")) { try minor("-0", .hkd) }
    }

    @Test func refusesMoreThan18SignificantDigits() throws {
        #expect(throws: MoneyError(.tooManyDigits, "an amount has at most 18 significant digits")) {
            try minor("1234567890123456789", .jpy)
        }
        #expect(throws: MoneyError(.tooManyDigits, "an amount has at most 18 significant digits")) {
            try minor("12345678901234567.89", .hkd)
        }
        // Leading zeros are not significant.
        #expect(try minor("000000999999999999999999", .jpy) == 999_999_999_999_999_999)
    }

    @Test func refusesAmountsBeyondInt64() {
        #expect(throws: MoneyError(.overflow, "too large for KWD (at most 9223372036854775.807)")) {
            try minor("99999999999999999", .kwd)
        }
        #expect(throws: MoneyError.self) { try minor("92233720368547758.08", .hkd) }
    }

    @Test func refusesOverlongText() {
        #expect(throws: MoneyError.self) { try minor(String(repeating: "0", count: 41), .hkd) }
    }
}
