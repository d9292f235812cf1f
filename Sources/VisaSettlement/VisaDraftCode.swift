/// The draft transaction codes of the profile.
public enum VisaDraftCode: Int, Hashable, Sendable, CaseIterable {
    /// TC 05, sales draft (purchase).
    case purchase = 5
    /// TC 06, credit voucher (refund).
    case creditVoucher = 6
    /// TC 15, chargeback of a sales draft.
    case chargeback = 15
    /// TC 25, reversal of a sales draft.
    case reversal = 25
    /// TC 35, chargeback reversal.
    case chargebackReversal = 35

    /// The TC as written: "05".
    public var tc: String { rawValue < 10 ? "0\(rawValue)" : "\(rawValue)" }
}
