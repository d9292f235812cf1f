/// The settlement arithmetic of VISA-FILE.md, per settlement (destination) currency:
///
/// - I net = Σ dest(05) + Σ dest(35) + Σ dest(20) − Σ dest(06) − Σ dest(15) − Σ dest(25) − Σ dest(10)
/// - F net = Σ signed interchange fees (C positive, D negative), summed exactly in millionths and
///   rounded once, half-even, to minor units
/// - T net = I net + F net + C net (C net, the Visa charges, as reported)
///
/// Feed it transactions one at a time (it streams), then ask for a currency's `Net`. Every sum is
/// overflow-checked (`VisaSumOverflow`): `add` returns the sums a transaction made overflow, and an
/// overflowed sum reads nil. The reader keeps the same sums, in the same order, and rejects a file
/// whose sums overflow, so on a file it accepted nothing here overflows.
public struct VisaSettlementArithmetic: Hashable, Sendable {
    public struct Net: Hashable, Sendable {
        public var currency: VisaCurrency
        public var interchange: Int64
        public var fees: Int64
        public var charges: Int64
        public var total: Int64
    }

    /// Keys: currency numeric × 2 + slot.
    private var sums = VisaCheckedSums()
    private static let interchangeSlot = 0
    private static let feeSlot = 1

    private static func key(_ numeric: Int, _ slot: Int) -> Int { numeric * 2 + slot }

    public init() {}

    public init(transactions: [VisaTransaction]) {
        for t in transactions { add(t) }
    }

    /// Adds a transaction; returns the sums it made overflow (none normally).
    @discardableResult
    public mutating func add(_ transaction: VisaTransaction) -> [VisaSumOverflow] {
        switch transaction {
        case .draft(let d): return add(d)
        case .feeCollection(let f): return add(f)
        }
    }

    /// Adds the destination amount to I and, with a TCR 5, the fee to F; returns the sums that
    /// overflowed, I before F.
    @discardableResult
    public mutating func add(_ draft: VisaDraft) -> [VisaSumOverflow] {
        let currency = draft.destinationCurrency
        var overflows: [VisaSumOverflow] = []
        if addInterchange(draft.destinationAmount, negated: Self.isNegative(draft.code), currency: currency.numeric) {
            overflows.append(VisaSumOverflow(.interchangeNet, currency: currency))
        }
        if let tcr5 = draft.tcr5,
           addFee(tcr5.interchangeFeeMicros, sign: tcr5.interchangeFeeSign, currency: currency.numeric) {
            overflows.append(VisaSumOverflow(.interchangeFees, currency: currency))
        }
        return overflows
    }

    /// Adds the destination amount to I (TC 20 positive, TC 10 negative); returns the overflow.
    @discardableResult
    public mutating func add(_ fee: VisaFeeCollection) -> [VisaSumOverflow] {
        guard addInterchange(fee.destinationAmount, negated: Self.isNegative(fee.code),
                             currency: fee.destinationCurrency.numeric) else { return [] }
        return [VisaSumOverflow(.interchangeNet, currency: fee.destinationCurrency)]
    }

    /// Whether a draft's destination amount counts negatively in I net (06, 15, 25).
    static func isNegative(_ code: VisaDraftCode) -> Bool {
        switch code {
        case .purchase, .chargebackReversal: return false
        case .creditVoucher, .chargeback, .reversal: return true
        }
    }

    /// Whether a TC 10 / 20 counts negatively in I net (10).
    static func isNegative(_ code: VisaFeeCollection.Code) -> Bool { code == .feeCollection }

    /// Adds (subtracts when `negated`) a destination amount to I of the currency `numeric`; true
    /// when this made it overflow. The reader calls it with the fields it just decoded.
    @inline(__always)
    mutating func addInterchange(_ amount: Int64, negated: Bool, currency numeric: Int) -> Bool {
        sums.add(amount, negated: negated, to: Self.key(numeric, Self.interchangeSlot))
    }

    /// Adds a fee in millionths to F of the currency `numeric` (D negative); true when this made
    /// it overflow.
    @inline(__always)
    mutating func addFee(_ micros: Int64, sign: VisaFeeSign, currency numeric: Int) -> Bool {
        sums.add(micros, negated: sign == .debit, to: Self.key(numeric, Self.feeSlot))
    }

    /// The settlement currencies seen, by alpha code.
    public var currencies: [VisaCurrency] {
        Set(sums.entries.compactMap { VisaCurrency.find(numeric: $0.key / 2) }).sorted { $0.code < $1.code }
    }

    /// I net in minor units; nil when it overflowed.
    public func interchangeNet(_ currency: VisaCurrency) -> Int64? {
        sums.value(Self.key(currency.numeric, Self.interchangeSlot))
    }

    /// Σ signed interchange fees in millionths of a major unit, before rounding; nil when it overflowed.
    public func feeMicrosNet(_ currency: VisaCurrency) -> Int64? { sums.value(Self.key(currency.numeric, Self.feeSlot)) }

    /// F net: the fee sum rounded once, half-even, to minor units; nil when the sum overflowed.
    public func feesNet(_ currency: VisaCurrency) -> Int64? {
        feeMicrosNet(currency).map { VisaAmount.minorUnits(micros: $0, exponent: currency.exponent) }
    }

    /// I, F and T for `currency`, with C (Visa charges) as reported. Throws the overflow of I or F,
    /// or `.totalNet` when the exact I + F + C does not fit 64 bits.
    public func net(_ currency: VisaCurrency, charges: Int64) throws(VisaSumOverflow) -> Net {
        guard let i = interchangeNet(currency) else { throw VisaSumOverflow(.interchangeNet, currency: currency) }
        guard let f = feesNet(currency) else { throw VisaSumOverflow(.interchangeFees, currency: currency) }
        guard let total = Int64(exactly: Int128(i) + Int128(f) + Int128(charges)) else {
            throw VisaSumOverflow(.totalNet, currency: currency)
        }
        return Net(currency: currency, interchange: i, fees: f, charges: charges, total: total)
    }
}
