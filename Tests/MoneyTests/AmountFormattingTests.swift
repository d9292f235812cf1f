import Testing
@testable import Money

@Suite struct AmountFormattingTests {
    @Test func printsTheFullExponent() {
        #expect(Amount(minorUnits: 123_450, currency: .hkd).decimalString == "1234.50")
        #expect(Amount(minorUnits: 1500, currency: .jpy).decimalString == "1500")
        #expect(Amount(minorUnits: 0, currency: .kwd).decimalString == "0.000")
        #expect(Amount(minorUnits: -5, currency: .usd).decimalString == "-0.05")
        #expect(Amount(minorUnits: 0, currency: .jpy).decimalString == "0")
        #expect(Amount(minorUnits: 7, currency: Currency(code: "CLF")!).decimalString == "0.0007")
        #expect(Amount(minorUnits: Int64.max, currency: .hkd).decimalString == "92233720368547758.07")
        #expect(Amount(minorUnits: Int64.min, currency: .hkd).decimalString == "-92233720368547758.08")
        #expect(Amount(minorUnits: 123_450, currency: .hkd).description == "1234.50 HKD")
    }

    @Test func parseAndFormatRoundTripOnRandomAmounts() throws {
        var random = SplitMix64(seed: 0xA11CE)
        let currencies = Currency.all
        for _ in 0..<20_000 {
            let currency = currencies[Int(random.next() % UInt64(currencies.count))]
            let digits = Int(random.next() % 19)
            var magnitude: Int64 = 0
            for _ in 0..<digits { magnitude = magnitude * 10 + Int64(random.next() % 10) }
            if magnitude > 999_999_999_999_999_999 { magnitude = 999_999_999_999_999_999 }
            let minor = random.next() % 2 == 0 ? magnitude : -magnitude
            let amount = Amount(minorUnits: minor, currency: currency)
            let text = amount.decimalString
            let parsed = try Amount(parsing: text, currency: currency, allowNegative: true)
            #expect(parsed == amount, "\(text) \(currency)")
            var bytes: [UInt8] = []
            amount.appendDecimal(to: &bytes)
            #expect(bytes == Array(text.utf8))
        }
    }

    @Test func shortFractionsNormaliseToTheFullExponent() throws {
        #expect(try Amount(parsing: "1234.5", currency: .hkd).decimalString == "1234.50")
        #expect(try Amount(parsing: "1", currency: .kwd).decimalString == "1.000")
    }
}
