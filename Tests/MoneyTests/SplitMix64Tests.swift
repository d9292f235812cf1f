import Testing
@testable import Money

@Suite("SplitMix64") struct SplitMix64Tests {
    @Test func splitMix64MatchesTheReferenceValues() {
        // Reference values of Vigna's splitmix64.c for seed 1234567.
        var rng = SplitMix64(seed: 1_234_567)
        #expect(rng.next() == 6_457_827_717_110_365_317)
        #expect(rng.next() == 3_203_168_211_198_807_973)
        #expect(rng.next() == 9_817_491_932_198_370_423)
    }
}
