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
    /// type appears more than once, e.g. for several settlement entities).
    public static func checks(_ file: VisaFile) -> [VisaNetCheck] {
        let arithmetic = VisaSettlementArithmetic(transactions: file.transactions)
        var reported: [VisaCurrency: [VisaVSS110Line.AmountType: Int64]] = [:]
        for line in file.vss110 { reported[line.currency, default: [:]][line.amountType, default: 0] += line.signedNet }
        let currencies = Set(arithmetic.currencies).union(reported.keys).sorted { $0.code < $1.code }
        return currencies.map { currency in
            let lines = reported[currency] ?? [:]
            let charges = lines[.visaCharges] ?? 0
            let net = arithmetic.net(currency, charges: charges)
            return VisaNetCheck(
                currency: currency,
                interchange: Pair(reported: lines[.interchange] ?? 0, computed: net.interchange),
                fees: Pair(reported: lines[.reimbursementFees] ?? 0, computed: net.fees),
                charges: charges,
                total: Pair(reported: lines[.total] ?? 0, computed: net.total))
        }
    }
}
