/// Sign of an interchange fee (TCR 5 position 107), from the receiving member's side.
public enum VisaFeeSign: UInt8, Hashable, Sendable {
    /// `D`: the receiving member pays.
    case debit = 0x44
    /// `C`: the receiving member receives.
    case credit = 0x43

    public var letter: String { self == .debit ? "D" : "C" }
}
