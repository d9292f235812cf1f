import Testing
import VisaSettlement

@Suite("fuzz: mutated files parse or fail with located errors")
struct VisaFuzzTests {
    static let cases = 100_000

    @Test("100k seeded mutations: no crash, no hang, every error located")
    func fuzz() {
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
    func deterministic() {
        let a = VisaFuzz.run(cases: 500, seed: 9)
        let b = VisaFuzz.run(cases: 500, seed: 9)
        #expect(a.parsed == b.parsed && a.rejected == b.rejected)
    }
}
