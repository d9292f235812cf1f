import Testing
@testable import Money

@Suite struct AmountArithmeticTests {
    let ten = Amount(minorUnits: 1000, currency: .hkd)
    let three = Amount(minorUnits: 300, currency: .hkd)

    @Test func sameCurrencyOperatorsAddSubtractNegateMultiplyAndCompare() {
        #expect((ten + three).minorUnits == 1300)
        #expect((ten - three).minorUnits == 700)
        #expect((-ten).minorUnits == -1000)
        #expect((three * 3).minorUnits == 900)
        #expect(three < ten)
        var total = Amount.zero(.hkd)
        total += ten
        total -= three
        #expect(total.minorUnits == 700)
    }

    @Test func throwingFormsReportMismatchAndOverflow() throws {
        let usd = Amount(minorUnits: 1, currency: .usd)
        #expect(throws: MoneyError(.currencyMismatch, "cannot combine HKD with USD")) { try ten.adding(usd) }
        #expect(throws: MoneyError(.currencyMismatch, "cannot combine HKD with USD")) { try ten.subtracting(usd) }
        let max = Amount(minorUnits: Int64.max, currency: .hkd)
        #expect(throws: MoneyError(.overflow, "HKD sum is out of range")) { try max.adding(ten) }
        #expect(throws: MoneyError.self) { try max.multiplied(by: 2) }
        #expect(try ten.adding(three).minorUnits == 1300)
        #expect(try ten.multiplied(by: 4).minorUnits == 4000)
    }
}
