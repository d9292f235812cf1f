import Money
import VisaSettlement

/// The sums the reader checks, computed independently in 128 bits from the records as written
/// (VISA-FILE.md, settlement arithmetic; the inspection totals). It predicts which errors the
/// reader must report: a running sum overflows at the first record that takes it out of the
/// 64-bit range (and is not reported again); T net = I + F + C is checked exactly at the end.
struct VisaSumOracle {
    struct Located: Hashable, CustomStringConvertible {
        var record: Int
        var positions: String
        var field: String
        var description: String { "\(record) \(positions) \(field)" }
    }

    private var sums: [String: Int128] = [:]
    private var overflowed: Set<String> = []
    /// Settlement currencies of the transactions and of the VSS-110 lines.
    private(set) var currencies: Set<VisaCurrency> = []
    /// The errors the reader must report, in its order.
    private(set) var expected: [Located] = []

    static func fits(_ value: Int128) -> Bool { Int64(exactly: value) != nil }

    /// Adds `delta` to the running sum `key`; false when it overflowed now.
    private mutating func add(_ delta: Int128, to key: String) -> Bool {
        guard !overflowed.contains(key) else { return true }
        let sum = sums[key, default: 0] + delta
        guard Self.fits(sum) else { overflowed.insert(key); return false }
        sums[key] = sum
        return true
    }

    mutating func add(_ d: VisaDraft) {
        let c = d.destinationCurrency.code, amount = Int128(d.destinationAmount)
        currencies.insert(d.destinationCurrency)
        let sign: Int128 = d.code == .purchase || d.code == .chargebackReversal ? 1 : -1
        let at = Located(record: d.record, positions: "62-73", field: "destinationAmount")
        if !add(sign * amount, to: "I \(c)") { expected.append(at) }
        if !add(amount, to: "D \(d.code.tc) \(c)") { expected.append(at) }
        if let t = d.tcr5, !add((t.interchangeFeeSign == .credit ? 1 : -1) * Int128(t.interchangeFeeMicros), to: "F \(c)") {
            expected.append(Located(record: t.record, positions: "92-106", field: "interchangeFee"))
        }
    }

    mutating func add(_ f: VisaFeeCollection) {
        let c = f.destinationCurrency.code, amount = Int128(f.destinationAmount)
        currencies.insert(f.destinationCurrency)
        let at = Located(record: f.record, positions: "47-58", field: "destinationAmount")
        if !add((f.code == .fundsDisbursement ? 1 : -1) * amount, to: "I \(c)") { expected.append(at) }
        if !add(amount, to: "D \(f.code.tc) \(c)") { expected.append(at) }
    }

    mutating func add(_ v: VisaVSS110Line) {
        currencies.insert(v.currency)
        if !add((v.netSign == .credit ? 1 : -1) * Int128(v.net), to: "R \(v.amountType.letter) \(v.currency.code)") {
            expected.append(Located(record: v.record, positions: "141-155", field: "net"))
        }
    }

    /// The T net check at the file trailer (record `trailer`).
    mutating func finish(trailer: Int) {
        for currency in currencies {
            guard let t = total(currency), !Self.fits(t) else { continue }
            expected.append(Located(record: trailer, positions: "1-168", field: "totalNet"))
        }
    }

    /// A running sum; nil once it overflowed.
    func sum(_ key: String) -> Int128? { overflowed.contains(key) ? nil : sums[key, default: 0] }

    func interchange(_ c: VisaCurrency) -> Int128? { sum("I \(c.code)") }
    func reported(_ c: VisaCurrency, _ type: VisaVSS110Line.AmountType) -> Int128? { sum("R \(type.letter) \(c.code)") }
    func destinationTotal(tc: String, _ c: VisaCurrency) -> Int128? { sum("D \(tc) \(c.code)") }

    /// F net: Σ fees in millionths rounded once, half-even (Money's rounding, not the reader's).
    func fees(_ c: VisaCurrency) -> Int128? {
        var divisor: Int128 = 1
        for _ in 0..<(VisaAmount.feeDecimals - c.exponent) { divisor *= 10 }
        return sum("F \(c.code)").map { divide($0, by: divisor, rounding: .halfEven) }
    }

    /// T net, exact; nil when a term overflowed.
    func total(_ c: VisaCurrency) -> Int128? {
        guard let i = interchange(c), let f = fees(c), let charges = reported(c, .visaCharges) else { return nil }
        return i + f + charges
    }

    /// Every (TC, currency) pair with a destination total.
    var destinationKeys: [String] { sums.keys.filter { $0.hasPrefix("D ") }.sorted() }
}
