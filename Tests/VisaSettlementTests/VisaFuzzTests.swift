import Foundation
import Testing
import VisaSettlement

/// `VISA_FUZZ_SOAK=1` runs each fuzzer for longer (and the structured one with its 15 MB cases):
/// `VISA_FUZZ_SOAK=1 swift test --skip-build --filter FuzzTests`.
private let soak = ProcessInfo.processInfo.environment["VISA_FUZZ_SOAK"] == "1"

@Suite("fuzz: mutated files parse or fail with located errors")
struct VisaFuzzTests {
    static let cases = soak ? 2_000_000 : 100_000

    @Test("100k seeded mutations: no crash, no hang, every error located")
    func seededMutationsNeverCrashOrHangAndEveryErrorIsLocated() {
        let clock = ContinuousClock()
        let start = clock.now
        let report = VisaFuzz.run(cases: Self.cases, seed: 20_260_515)
        let elapsed = clock.now - start
        print("VisaFuzz: \(report) in \(elapsed)")
        #expect(report.cases == Self.cases)
        #expect(report.violations.isEmpty, "\(report.violations)")
        #expect(report.rejected > Self.cases / 2)
        #expect(report.parsed + report.rejected == report.cases)
    }

    @Test("the fuzzer is deterministic for a seed")
    func fuzzerIsDeterministicForASeed() {
        let a = VisaFuzz.run(cases: 500, seed: 9)
        let b = VisaFuzz.run(cases: 500, seed: 9)
        #expect(a.parsed == b.parsed && a.rejected == b.rejected)
    }
}

@Suite("structured fuzz: valid files with extreme values parse exactly or fail with the predicted overflow")
struct VisaStructuredFuzzTests {
    /// About 1 in 100 cases is heavy (9,000 to 18,000 records) in the suite, 1 in 20 when soaking;
    /// `VisaOverflowTests` covers each limit exactly on both sides.
    static let cases = soak ? 5_000 : 400
    static let heavyPercent = soak ? 5 : 1

    @Test("extreme field values: no trap; nets equal the 128-bit oracle, or the predicted located errors")
    func extremeFieldValuesNeverTrapAndNetsMatchTheOracle() {
        let clock = ContinuousClock()
        let start = clock.now
        let report = VisaStructuredFuzz.run(cases: Self.cases, seed: 20_260_516, heavyPercent: Self.heavyPercent,
                                            heavy: soak ? VisaStructuredFuzz.Heavy.allCases
                                                : [.fees, .reportedNets, .totalNet])
        let elapsed = clock.now - start
        print("VisaStructuredFuzz: \(report) in \(elapsed)")
        #expect(report.cases == Self.cases)
        #expect(report.violations.isEmpty, "\(report.violations)")
        #expect(report.parsed + report.rejected == report.cases)
        #expect(report.rejected > 0, "no case crossed a limit")
    }
}
