/// One line of a VSS-110 settlement summary (TC 46, report group V, subgroup 2, "110").
/// Amounts are minor units of the settlement currency.
public struct VisaVSS110Line: Hashable, Sendable {
    public enum AmountType: UInt8, Hashable, Sendable, CaseIterable {
        /// `I`: interchange value.
        case interchange = 0x49
        /// `F`: reimbursement fees.
        case reimbursementFees = 0x46
        /// `C`: Visa charges.
        case visaCharges = 0x43
        /// `T`: total.
        case total = 0x54

        public var letter: String { String(UnicodeScalar(rawValue)) }
    }

    public enum NetSign: Hashable, Sendable {
        /// `CR`
        case credit
        /// `DB`
        case debit

        public var text: String { self == .credit ? "CR" : "DB" }
    }

    public var record: Int
    /// Positions 37-46.
    public var settlementEntityId: String
    /// Positions 50-52.
    public var currency: VisaCurrency
    /// Positions 66-72 (CCYYDDD).
    public var settlementDate: VisaDate
    /// Position 94.
    public var amountType: AmountType
    /// Positions 96-110.
    public var count: Int64
    /// Positions 111-125.
    public var credit: Int64
    /// Positions 126-140.
    public var debit: Int64
    /// Positions 141-155, the magnitude.
    public var net: Int64
    /// Positions 156-157.
    public var netSign: NetSign
    /// Positions 158-164 (CCYYDDD).
    public var fundsTransferDate: VisaDate

    public init(record: Int, settlementEntityId: String, currency: VisaCurrency, settlementDate: VisaDate,
                amountType: AmountType, count: Int64, credit: Int64, debit: Int64, net: Int64,
                netSign: NetSign, fundsTransferDate: VisaDate) {
        self.record = record
        self.settlementEntityId = settlementEntityId
        self.currency = currency
        self.settlementDate = settlementDate
        self.amountType = amountType
        self.count = count
        self.credit = credit
        self.debit = debit
        self.net = net
        self.netSign = netSign
        self.fundsTransferDate = fundsTransferDate
    }

    /// The net with its sign: negative for DB.
    public var signedNet: Int64 { netSign == .debit ? -net : net }
}
