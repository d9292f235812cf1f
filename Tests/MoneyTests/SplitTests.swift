import Testing
@testable import Money

@Suite struct SplitTests {
    @Test func proportionRoundsHalfEven() {
        let amount = Amount(minorUnits: 1000, currency: .hkd)
        #expect(amount.proportion(numerator: 1, denominator: 3, rounding: .halfEven).minorUnits == 333)
        #expect(amount.proportion(numerator: 2, denominator: 3, rounding: .halfEven).minorUnits == 667)
        #expect(Amount(minorUnits: 5, currency: .hkd).proportion(numerator: 1, denominator: 2, rounding: .halfEven).minorUnits == 2)
        #expect(Amount(minorUnits: 7, currency: .hkd).proportion(numerator: 1, denominator: 2, rounding: .halfEven).minorUnits == 4)
    }

    @Test func lastPartTakesTheRemainder() {
        let parts = Amount(minorUnits: 100, currency: .hkd).split(weights: [1, 1, 1], rounding: .halfEven)
        #expect(parts.map(\.minorUnits) == [33, 34, 33])
        let small = Amount(minorUnits: 5, currency: .jpy).split(weights: Array(repeating: 1, count: 8), rounding: .halfEven)
        #expect(small.reduce(0) { $0 + $1.minorUnits } == 5)
        #expect(small.allSatisfy { $0.minorUnits >= 0 })
    }

    @Test func splitsAlwaysSumToTheWholeOnRandomInput() {
        var random = SplitMix64(seed: 42)
        for _ in 0..<5_000 {
            let whole = Int64(bitPattern: random.next() >> 2) * (random.next() % 2 == 0 ? 1 : -1)
            let count = Int(random.next() % 12) + 1
            var weights = (0..<count).map { _ in Int64(random.next() % 1_000_000) }
            if weights.allSatisfy({ $0 == 0 }) { weights[0] = 1 }
            let amount = Amount(minorUnits: whole, currency: .usd)
            let parts = amount.split(weights: weights, rounding: .halfEven)
            #expect(parts.count == count)
            #expect(parts.reduce(Int128(0)) { $0 + Int128($1.minorUnits) } == Int128(whole))
            #expect(parts.allSatisfy { whole >= 0 ? $0.minorUnits >= 0 : $0.minorUnits <= 0 })
            for (part, weight) in zip(parts, weights) where weight == 0 {
                #expect(part.isZero || part == parts.last)
            }
        }
    }
}
