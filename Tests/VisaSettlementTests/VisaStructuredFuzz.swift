import Money
import VisaSettlement

/// Structure-aware fuzzing: valid files written by `VisaFileWriter` (trailers consistent with what
/// they cover) whose field values sit at their extremes: zero, one, the largest a field holds,
/// currencies of every exponent (JPY 0, USD 2, KWD 3, CLF 4), interchange fees at the 15-digit
/// maximum, VSS-110 counts and nets at theirs. Heavy cases add thousands of records of maximal
/// values, to either side of the point where a sum leaves 64 bits.
///
/// The reader must never trap. It either parses the file exactly as written, with nets and totals
/// equal to `VisaSumOracle`'s independent 128-bit ones, or rejects it with exactly the located
/// overflow errors the oracle predicts.
enum VisaStructuredFuzz {
    /// Items (transactions, VSS-110 lines, skipped records, batch trailers) of a light case: 0...this.
    static let lightItemsMax = 40
    /// Violations kept in the report.
    static let violationsMax = 20
    /// 9,223 fees (or VSS-110 nets) of 999,999,999,999,999 fit Int64; the 9,224th overflows.
    static let maximalSummandsThatFit = Int(Int64.max / VisaLimits.amount15Max)
    /// USD purchases of 9,999,999,999.99 that fit beside 9,223 maximal C nets (the 373rd overflows T).
    static let purchasesBesideCharges = Int((Int64.max - Int64(maximalSummandsThatFit) * VisaLimits.amount15Max)
                                            / VisaLimits.amount12Max)
    /// CLF (exponent 4) destination amounts of 999,999,999,999 × 100 minor units that fit I net.
    static let clfAmountsThatFit = Int(Int64.max / (VisaLimits.amount12Max * 100))
    static let clf = VisaCurrency.find(code: "CLF")!
    static let currencies: [VisaCurrency] = [.usd, .jpy, .krw, .kwd, .bhd, clf, .hkd, .eur]

    struct Report: CustomStringConvertible {
        var cases = 0
        var parsed = 0
        var rejected = 0
        var records = 0
        var violations: [String] = []

        var description: String {
            "\(cases) cases (\(records) records): \(parsed) parsed, \(rejected) rejected, \(violations.count) violations"
        }
    }

    /// The heavy shapes: which sum is taken to its limit.
    enum Heavy: CaseIterable {
        /// ~9,224 maximal interchange fees of one sign.
        case fees
        /// ~9,224 maximal VSS-110 nets of one type and sign.
        case reportedNets
        /// 9,223 maximal C nets and ~372 maximal USD purchases: T net at its limit.
        case totalNet
        /// ~92,234 maximal CLF purchases: I net and the TC 05 total at their limit (15 MB; soak only).
        case interchangeNet
    }

    /// Runs `cases` files from `seed` (deterministic); `heavyPercent` of them heavy, of the shapes
    /// in `heavy`.
    static func run(cases: Int, seed: UInt64, heavyPercent: Int, heavy: [Heavy] = [.fees, .reportedNets, .totalNet])
        -> Report {
        var random = SplitMix64(seed: seed)
        var report = Report()
        for index in 0..<cases {
            var builder = VisaStructuredCase(random: random)
            if !heavy.isEmpty, builder.random.below(100) < heavyPercent {
                builder.addHeavy(heavy[builder.random.below(heavy.count)])
            }
            builder.addLight(count: builder.random.below(lightItemsMax + 1))
            random = builder.random
            var failures: [String] = []
            builder.check(into: &report, failures: &failures)
            for f in failures where report.violations.count < violationsMax {
                report.violations.append("seed \(seed) case \(index): \(f)")
            }
        }
        return report
    }

    /// A 12-digit amount field value at an extreme, valid for `currency` (whole units when it has
    /// fewer than two decimals), as minor units.
    static func amount(_ random: inout SplitMix64, _ currency: VisaCurrency) -> Int64 {
        var field: Int64
        switch random.below(6) {
        case 0: field = 0
        case 1: field = 1
        case 2: field = VisaLimits.amount12Max
        case 3: field = VisaLimits.amount12Max - 1
        case 4: field = Int64(random.below(1_000_000))
        default: field = Int64(random.below(Int(VisaLimits.amount12Max) + 1))
        }
        var unit: Int64 = 1
        for _ in 0..<max(0, VisaAmount.fieldDecimals - currency.exponent) { unit *= 10 }
        field -= field % unit
        guard let minor = VisaAmount.minorUnits(fieldValue: field, exponent: currency.exponent) else {
            preconditionFailure("field \(field) is not valid for \(currency)")
        }
        return minor
    }

    /// A 15-digit value (fee, VSS-110 count or amount) at an extreme.
    static func value15(_ random: inout SplitMix64) -> Int64 {
        switch random.below(5) {
        case 0: return 0
        case 1: return 1
        case 2: return VisaLimits.amount15Max
        case 3: return VisaLimits.amount15Max - 1
        default: return Int64(random.below(Int(VisaLimits.amount15Max) + 1))
        }
    }
}
