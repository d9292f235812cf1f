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
        var arithmetic = VisaSettlementArithmetic()
        for t in file.transactions {
            if let overflow = arithmetic.add(t).first { throw overflow }
        }
        var reported = VisaReportedNets()
        for line in file.vss110 {
            if let overflow = reported.add(line) { throw overflow }
        }
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
