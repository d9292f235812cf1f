/// A sum over file fields that leaves the 64-bit range. The reader rejects a file with one, as a
/// located error at the field whose value made the sum overflow; the arithmetic types report it
/// instead of trapping.
///
/// A running sum is checked at every addition, in file order: it overflows at the first record
/// that takes it out of range, even if later records would bring it back.
public struct VisaSumOverflow: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Sum: Hashable, Sendable {
        /// I net: Σ signed destination amounts of drafts and TC 10 / 20 (minor units).
        case interchangeNet
        /// Σ signed interchange fees, in millionths, before F net is rounded.
        case interchangeFees
        /// T net = I net + F net + C net (minor units).
        case totalNet
        /// Σ signed nets of the VSS-110 lines of one amount type (minor units).
        case reportedNet(VisaVSS110Line.AmountType)
        /// Σ destination amounts of one TC ("05"), the totals of the inspection summary.
        case destinationTotal(tc: String)
    }

    public var sum: Sum
    /// The settlement (destination) currency the sum is kept in.
    public var currency: VisaCurrency

    public init(_ sum: Sum, currency: VisaCurrency) {
        self.sum = sum
        self.currency = currency
    }

    /// "the sum of interchange fees in USD (millionths)".
    public var sumName: String {
        let c = currency.code
        switch sum {
        case .interchangeNet: return "the I net in \(c) (Σ signed destination amounts, minor units)"
        case .interchangeFees: return "the sum of interchange fees in \(c) (millionths)"
        case .totalNet: return "the T net in \(c) (I net + F net + C net, minor units)"
        case .reportedNet(let type): return "the sum of VSS-110 \(type.letter) nets in \(c) (minor units)"
        case .destinationTotal(let tc): return "the total of TC \(tc) destination amounts in \(c) (minor units)"
        }
    }

    public var description: String { "\(sumName) overflows a 64-bit total" }
}
