/// Σ signed nets of the VSS-110 lines per settlement currency and amount type (summed when a type
/// appears more than once, e.g. for several settlement entities), overflow-checked. The reader and
/// `VisaNetCheck` keep the same sums in the same order.
struct VisaReportedNets: Hashable, Sendable {
    /// Keys: currency numeric × 4 + the amount type's index.
    private var sums = VisaCheckedSums()

    private static func key(_ currency: VisaCurrency, _ type: VisaVSS110Line.AmountType) -> Int {
        currency.numeric * 4 + slot(type)
    }

    private static func slot(_ type: VisaVSS110Line.AmountType) -> Int {
        switch type {
        case .interchange: return 0
        case .reimbursementFees: return 1
        case .visaCharges: return 2
        case .total: return 3
        }
    }

    /// Adds the line's signed net; returns the overflow it caused, if any.
    mutating func add(_ line: VisaVSS110Line) -> VisaSumOverflow? {
        guard sums.add(line.net, negated: line.netSign == .debit, to: Self.key(line.currency, line.amountType)) else {
            return nil
        }
        return VisaSumOverflow(.reportedNet(line.amountType), currency: line.currency)
    }

    /// The reported net of one type: 0 when no line has it, nil when its sum overflowed.
    func net(_ currency: VisaCurrency, _ type: VisaVSS110Line.AmountType) -> Int64? {
        sums.value(Self.key(currency, type))
    }

    /// `net`, throwing the overflow instead of nil.
    func checkedNet(_ currency: VisaCurrency, _ type: VisaVSS110Line.AmountType) throws(VisaSumOverflow) -> Int64 {
        guard let net = net(currency, type) else { throw VisaSumOverflow(.reportedNet(type), currency: currency) }
        return net
    }

    /// The settlement currencies with VSS-110 lines.
    var currencies: Set<VisaCurrency> {
        Set(sums.entries.compactMap { VisaCurrency.find(numeric: $0.key / 4) })
    }
}
