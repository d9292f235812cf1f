/// The settlement arithmetic of VISA-FILE.md, per settlement (destination) currency:
///
/// - I net = Σ dest(05) + Σ dest(35) + Σ dest(20) − Σ dest(06) − Σ dest(15) − Σ dest(25) − Σ dest(10)
/// - F net = Σ signed interchange fees (C positive, D negative), summed exactly in millionths and
///   rounded once, half-even, to minor units
/// - T net = I net + F net + C net (C net, the Visa charges, as reported)
///
/// Feed it transactions one at a time (it streams), then ask for a currency's `Net`.
public struct VisaSettlementArithmetic: Hashable, Sendable {
    public struct Net: Hashable, Sendable {
        public var currency: VisaCurrency
        public var interchange: Int64
        public var fees: Int64
        public var charges: Int64
        public var total: Int64
    }

    private var interchangeMinor: [VisaCurrency: Int64] = [:]
    private var feeMicros: [VisaCurrency: Int64] = [:]

    public init() {}

    public init(transactions: [VisaTransaction]) {
        for t in transactions { add(t) }
    }

    public mutating func add(_ transaction: VisaTransaction) {
        switch transaction {
        case .draft(let d): add(d)
        case .feeCollection(let f): add(f)
        }
    }

    public mutating func add(_ draft: VisaDraft) {
        let sign: Int64
        switch draft.code {
        case .purchase, .chargebackReversal: sign = 1
        case .creditVoucher, .chargeback, .reversal: sign = -1
        }
        interchangeMinor[draft.destinationCurrency, default: 0] += sign * draft.destinationAmount
        if let tcr5 = draft.tcr5 {
            feeMicros[draft.destinationCurrency, default: 0] += tcr5.signedInterchangeFeeMicros
        }
    }

    public mutating func add(_ fee: VisaFeeCollection) {
        let sign: Int64 = fee.code == .fundsDisbursement ? 1 : -1
        interchangeMinor[fee.destinationCurrency, default: 0] += sign * fee.destinationAmount
    }

    /// The settlement currencies seen, by alpha code.
    public var currencies: [VisaCurrency] {
        Set(interchangeMinor.keys).union(feeMicros.keys).sorted { $0.code < $1.code }
    }

    /// I net in minor units.
    public func interchangeNet(_ currency: VisaCurrency) -> Int64 { interchangeMinor[currency] ?? 0 }

    /// Σ signed interchange fees in millionths of a major unit, before rounding.
    public func feeMicrosNet(_ currency: VisaCurrency) -> Int64 { feeMicros[currency] ?? 0 }

    /// F net: the fee sum rounded once, half-even, to minor units.
    public func feesNet(_ currency: VisaCurrency) -> Int64 {
        VisaAmount.minorUnits(micros: feeMicrosNet(currency), exponent: currency.exponent)
    }

    /// I, F and T for `currency`, with C (Visa charges) as reported.
    public func net(_ currency: VisaCurrency, charges: Int64) -> Net {
        let i = interchangeNet(currency), f = feesNet(currency)
        return Net(currency: currency, interchange: i, fees: f, charges: charges, total: i + f + charges)
    }
}
