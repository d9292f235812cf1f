/// The reported VSS-110 nets of one settlement currency against the settlement arithmetic.
/// Reconciliation raises `net_mismatch` when `ok` is false.
public struct VisaNetCheck: Hashable, Sendable {
    public struct Pair: Hashable, Sendable {
        public var reported: Int64
        public var computed: Int64
        public var ok: Bool { reported == computed }
    }

    public var currency: VisaCurrency
    public var interchange: Pair
    public var fees: Pair
    /// C net as reported (taken as is).
    public var charges: Int64
    public var total: Pair

    public var ok: Bool { interchange.ok && fees.ok && total.ok }

    /// One check per settlement currency that has VSS-110 lines or transactions, by alpha code.
    /// Reported nets are the signed nets of the VSS-110 lines of each amount type (summed when a
    /// type appears more than once, e.g. for several settlement entities). Throws the first sum
    /// that overflows; never for a file the reader accepted (it checks the same sums).
    public static func checks(_ file: VisaFile) throws(VisaSumOverflow) -> [VisaNetCheck] {
        var builder = Builder()
        for t in file.transactions { builder.add(t) }
        for line in file.vss110 { builder.add(line) }
        return try builder.checks()
    }

    /// The checks of a file that streams by (`VisaStreamReader`): add its transactions and
    /// VSS-110 lines as they are visited, then ask for `checks()`. Holds two sums per currency.
    public struct Builder: Sendable {
        var arithmetic = VisaSettlementArithmetic()
        var reported = VisaReportedNets()
        var overflow: VisaSumOverflow?

        public init() {}

        public mutating func add(_ transaction: VisaTransaction) {
            if overflow == nil, let first = arithmetic.add(transaction).first { overflow = first }
        }

        public mutating func add(_ line: VisaVSS110Line) {
            if overflow == nil, let first = reported.add(line) { overflow = first }
        }

        /// One check per settlement currency, by alpha code; throws the first sum that overflowed.
        public func checks() throws(VisaSumOverflow) -> [VisaNetCheck] {
            if let overflow { throw overflow }
            let currencies = Set(arithmetic.currencies).union(reported.currencies).sorted { $0.code < $1.code }
            var checks: [VisaNetCheck] = []
            for currency in currencies {
                let charges = try reported.checkedNet(currency, .visaCharges)
                let net = try arithmetic.net(currency, charges: charges)
                checks.append(VisaNetCheck(
                    currency: currency,
                    interchange: Pair(reported: try reported.checkedNet(currency, .interchange), computed: net.interchange),
                    fees: Pair(reported: try reported.checkedNet(currency, .reimbursementFees), computed: net.fees),
                    charges: charges,
                    total: Pair(reported: try reported.checkedNet(currency, .total), computed: net.total)))
            }
            return checks
        }
    }
}
