import Money
import Testing
import VisaSettlement

@Suite("conventions: dates, amounts, ARN, token")
struct VisaConventionTests {
    static let processing = VisaDate(year: 2026, month: 5, day: 15)

    @Test("MMDD takes the latest date not after the processing date")
    func mmddTakesTheLatestDateNotAfterProcessing() {
        #expect(VisaDate.inferring(month: 5, day: 15, notAfter: Self.processing) == VisaDate(year: 2026, month: 5, day: 15))
        #expect(VisaDate.inferring(month: 5, day: 16, notAfter: Self.processing) == VisaDate(year: 2025, month: 5, day: 16))
        #expect(VisaDate.inferring(month: 2, day: 29, notAfter: Self.processing) == VisaDate(year: 2024, month: 2, day: 29))
        #expect(VisaDate.inferring(month: 13, day: 1, notAfter: Self.processing) == nil)
        #expect(VisaDate.inferring(month: 4, day: 31, notAfter: Self.processing) == nil)
    }

    @Test("YDDD and YYDDD take the latest year with that ending not after the processing date")
    func julianDatesTakeTheLatestYearNotAfterProcessing() {
        #expect(VisaDate.inferring(yearSuffix: 6, yearDigits: 1, dayOfYear: 135, notAfter: Self.processing)
            == Self.processing)
        #expect(VisaDate.inferring(yearSuffix: 6, yearDigits: 1, dayOfYear: 136, notAfter: Self.processing)
            == VisaDate(year: 2016, dayOfYear: 136))
        #expect(VisaDate.inferring(yearSuffix: 5, yearDigits: 1, dayOfYear: 365, notAfter: Self.processing)
            == VisaDate(year: 2025, month: 12, day: 31))
        #expect(VisaDate.inferring(yearSuffix: 4, yearDigits: 1, dayOfYear: 366, notAfter: Self.processing)
            == VisaDate(year: 2024, month: 12, day: 31))
        #expect(VisaDate.inferring(yearSuffix: 26, yearDigits: 2, dayOfYear: 1, notAfter: Self.processing)
            == VisaDate(year: 2026, month: 1, day: 1))
        #expect(VisaDate.inferring(yearSuffix: 99, yearDigits: 2, dayOfYear: 1, notAfter: Self.processing)
            == VisaDate(year: 1999, month: 1, day: 1))
        #expect(VisaDate.inferring(yearSuffix: 6, yearDigits: 1, dayOfYear: 367, notAfter: Self.processing) == nil)
    }

    @Test("draft amounts convert to minor units by exponent")
    func draftAmountsConvertToMinorUnitsByExponent() {
        #expect(VisaAmount.minorUnits(fieldValue: 123_450, exponent: 2) == 123_450)
        #expect(VisaAmount.minorUnits(fieldValue: 1_234_500, exponent: 0) == 12_345)
        #expect(VisaAmount.minorUnits(fieldValue: 1_234_501, exponent: 0) == nil)
        #expect(VisaAmount.minorUnits(fieldValue: 1_234, exponent: 3) == 12_340)
        #expect(VisaAmount.fieldValue(minorUnits: 12_345, exponent: 0) == 1_234_500)
        #expect(VisaAmount.fieldValue(minorUnits: 12_340, exponent: 3) == 1_234)
    }

    @Test("decimal strings in the currency's exponent")
    func decimalStringsUseTheCurrencyExponent() {
        #expect(VisaAmount.decimal(123_450, .hkd) == "1234.50")
        #expect(VisaAmount.decimal(-236, .usd) == "-2.36")
        #expect(VisaAmount.decimal(5, .usd) == "0.05")
        #expect(VisaAmount.decimal(12_345, .jpy) == "12345")
        #expect(VisaAmount.decimal(1_234, .kwd) == "1.234")
        #expect(VisaAmount.decimal(1_500_001, exponent: 6) == "1.500001")
        #expect(VisaAmount.decimal(0, .usd) == "0.00")
    }

    @Test("fees round once, half to even")
    func feesRoundOnceHalfToEven() {
        #expect(VisaAmount.minorUnits(micros: 1_005_000, exponent: 2) == 100)
        #expect(VisaAmount.minorUnits(micros: 1_015_000, exponent: 2) == 102)
        #expect(VisaAmount.minorUnits(micros: 1_015_001, exponent: 2) == 102)
        #expect(VisaAmount.minorUnits(micros: 1_014_999, exponent: 2) == 101)
        #expect(VisaAmount.minorUnits(micros: -1_005_000, exponent: 2) == -100)
        #expect(VisaAmount.minorUnits(micros: -1_015_000, exponent: 2) == -102)
        #expect(VisaAmount.minorUnits(micros: 2_500_000, exponent: 0) == 2)
        #expect(VisaAmount.minorUnits(micros: 1_234_567, exponent: 3) == 1_235)
    }

    @Test("ARN Luhn check over the first 22 digits")
    func arnLuhnCheckCoversTheFirst22Digits() {
        let arn = VisaARN.make(formatCode: 7, acquirerBIN: "412345", dateYDDD: "6134", sequence: 1)
        #expect(arn.count == 23)
        #expect(VisaARN.isValid(Array(arn.utf8)))
        #expect(VisaARN.isValid(Array("74123456134000000000018".utf8)) == (VisaARN.checkDigit(payload: Array("7412345613400000000001".utf8)) == 8))
        #expect(!VisaARN.isValid(Array(arn.dropLast().utf8) + [UInt8(ascii: arn.hasSuffix("9") ? "0" : "9")]))
        #expect(VisaARN.checkDigit(payload: Array("7992739871".utf8)) == 3)  // the classic Luhn example
    }

    @Test("the token is never printed")
    func tokenIsNeverPrinted() {
        let draft = VisaSamples.draft()
        let digits = "4111111111111111"
        #expect(!draft.description.contains(digits))
        #expect(!String(describing: draft).contains(digits))
        #expect(!String(reflecting: draft).contains(digits))
        #expect(!"\(draft.token)".contains(digits))
        var dumped = ""
        dump(draft, to: &dumped)
        #expect(!dumped.contains(digits))
        #expect(!String(describing: VisaTransaction.draft(draft)).contains(digits))
        #expect(draft.token.digits == Array(digits.utf8))
    }

    @Test("currency table lookups")
    func currencyTableLooksUpByCodeAndNumber() {
        #expect(VisaCurrency.find(numeric: 344) == .hkd)
        #expect(VisaCurrency.find(numeric: 48)?.exponent == 3)
        #expect(VisaCurrency.find(numeric: 999) == nil)
        #expect(VisaCurrency.find(code: "VND")?.exponent == 0)
        #expect(VisaCurrency.bhd.numericText == "048")
        #expect(VisaCurrency.all.count == Currency.all.count)
    }
}
