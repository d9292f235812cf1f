/// Σ destination amounts per TC and destination currency, overflow-checked: the totals of the
/// inspection summary. The reader keeps the same sums, so a file it accepted has none overflowed.
struct VisaDestinationTotals: Hashable, Sendable {
    /// The monetary TCs, in the order of their slots.
    static let tcs = ["05", "06", "15", "25", "35", "10", "20"]

    /// Keys: currency numeric × 8 + the TC's slot.
    private var sums = VisaCheckedSums()

    static func slot(_ code: VisaDraftCode) -> Int {
        switch code {
        case .purchase: return 0
        case .creditVoucher: return 1
        case .chargeback: return 2
        case .reversal: return 3
        case .chargebackReversal: return 4
        }
    }

    static func slot(_ code: VisaFeeCollection.Code) -> Int { code == .feeCollection ? 5 : 6 }

    /// Adds the transaction's destination amount; returns the overflow it caused, if any.
    mutating func add(_ transaction: VisaTransaction) -> VisaSumOverflow? {
        let (amount, currency, slot) = switch transaction {
        case .draft(let d): (d.destinationAmount, d.destinationCurrency, Self.slot(d.code))
        case .feeCollection(let f): (f.destinationAmount, f.destinationCurrency, Self.slot(f.code))
        }
        guard add(amount, numeric: currency.numeric, slot: slot) else { return nil }
        return overflow(currency: currency, slot: slot)
    }

    /// Adds `amount` to the total of the TC in `slot` in the currency `numeric`; true when this
    /// made the total overflow.
    @inline(__always)
    mutating func add(_ amount: Int64, numeric: Int, slot: Int) -> Bool {
        sums.add(amount, to: numeric * 8 + slot)
    }

    func overflow(currency: VisaCurrency, slot: Int) -> VisaSumOverflow {
        VisaSumOverflow(.destinationTotal(tc: Self.tcs[slot]), currency: currency)
    }

    /// (TC, currency, total) for every pair seen, ordered by TC then currency alpha code; the
    /// total is nil when it overflowed.
    var totals: [(tc: String, currency: VisaCurrency, total: Int64?)] {
        sums.entries.compactMap { entry -> (tc: String, currency: VisaCurrency, total: Int64?)? in
            guard let currency = VisaCurrency.find(numeric: entry.key / 8) else { return nil }
            return (Self.tcs[entry.key % 8], currency, entry.sum)
        }
        .sorted { ($0.tc, $0.currency.code) < ($1.tc, $1.currency.code) }
    }
}
