import Testing
@testable import Money

@Suite struct RoundingTests {
    @Test(arguments: [
        (1, 0), (3, 2), (5, 2), (-1, 0), (-3, -2), (-5, -2), (7, 4), (-7, -4),
    ] as [(Int128, Int128)])
    func halfEvenTiesGoToTheEvenNeighbour(_ twiceValue: Int128, _ expected: Int128) {
        // twiceValue / 2 is an exact tie: 0.5, 1.5, 2.5, −0.5, −1.5, −2.5, 3.5, −3.5
        #expect(divide(twiceValue, by: 2, rounding: .halfEven) == expected)
    }

    @Test func halfEvenRoundsNonTiesToNearest() {
        #expect(divide(14, by: 10, rounding: .halfEven) == 1)
        #expect(divide(16, by: 10, rounding: .halfEven) == 2)
        #expect(divide(-14, by: 10, rounding: .halfEven) == -1)
        #expect(divide(-16, by: 10, rounding: .halfEven) == -2)
        #expect(divide(25, by: 10, rounding: .halfEven) == 2)
        #expect(divide(35, by: 10, rounding: .halfEven) == 4)
        #expect(divide(5, by: -2, rounding: .halfEven) == -2)
        #expect(divide(7, by: -2, rounding: .halfEven) == -4)
        #expect(divide(20, by: 10, rounding: .halfEven) == 2)
    }

    @Test func towardZeroTruncates() {
        #expect(divide(19, by: 10, rounding: .towardZero) == 1)
        #expect(divide(-19, by: 10, rounding: .towardZero) == -1)
    }

    @Test func halfEvenNearTheEdgesOfInt128DoesNotOverflow() {
        let big = Int128.max
        #expect(divide(big, by: big, rounding: .halfEven) == 1)
        #expect(divide(big - 1, by: big, rounding: .halfEven) == 1)
        #expect(divide(big / 2, by: big, rounding: .halfEven) == 0)
    }

    @Test func percentageIsHalfEven() {
        // 0.125 HKD → 12.5 minor units at 10% of 125: ties to even.
        #expect(Amount(minorUnits: 125, currency: .hkd).percentage(bps: 1000, rounding: .halfEven).minorUnits == 12)
        #expect(Amount(minorUnits: 135, currency: .hkd).percentage(bps: 1000, rounding: .halfEven).minorUnits == 14)
        #expect(Amount(minorUnits: -125, currency: .hkd).percentage(bps: 1000, rounding: .halfEven).minorUnits == -12)
        #expect(Amount(minorUnits: 100_000, currency: .hkd).percentage(bps: 250, rounding: .halfEven).minorUnits == 2500)
        #expect(Amount(minorUnits: Int64.max, currency: .hkd).percentage(bps: 10_000, rounding: .halfEven).minorUnits == Int64.max)
        #expect(Amount(minorUnits: 5, currency: .jpy).percentage(bps: 1000, rounding: .halfEven).minorUnits == 0)
        #expect(Amount(minorUnits: 15, currency: .jpy).percentage(bps: 1000, rounding: .halfEven).minorUnits == 2)
    }
}
