/// The card-network IIN ranges and PAN lengths that `PANDetector` treats as card numbers.
///
/// A digit window is a candidate PAN only when its first digits fall in one of these ranges *and*
/// its length is one the network issues; together with the Luhn check this keeps ordinary long
/// numbers (references, timestamps, phone numbers) from being refused. The list covers the five
/// brands that own the PCI Security Standards Council (Visa, Mastercard, American Express,
/// Discover, JCB), the networks of the platform's market (UnionPay above all: Chinese merchants and
/// buyers, and Diners Club on the Discover Global Network), and the other international debit
/// networks an assessor will ask about (Maestro, Mir, RuPay).
///
/// | network | IIN ranges | lengths |
/// |---|---|---|
/// | Visa | 4 | 13–19 |
/// | Mastercard | 51–55, 2221–2720 | 16 |
/// | American Express | 34, 37 | 15 |
/// | Discover | 6011, 644–649, 65 | 16–19 |
/// | JCB | 3528–3589 | 16–19 |
/// | UnionPay | 62, 81 | 16–19 |
/// | Diners Club International | 300–305, 3095, 36, 38–39 | 14–19 |
/// | Maestro | 5018, 5020, 5038, 5893, 6304, 6759, 6761–6763, 6767 | 13–19 |
/// | Mir | 2200–2204 | 16–19 |
/// | RuPay | 60, 65, 81, 82, 508, 353, 356 | 16 |
///
/// Lengths are the ones each network issues, which cuts the candidates in a long number by about
/// half; Visa alone gets every length in PCI's 13–19, because it is the platform's own scheme and
/// has issued 13-, 16- and 19-digit PANs. UnionPay is the market's domestic network (81 is its
/// newer range, shared with RuPay). Maestro is listed by the IINs it issues from (12–19 digits; 13
/// is PCI's floor): its nominal 50 and 56–69 block would put every 5- and 6-prefixed number under
/// suspicion, and the parts of 6 in use are covered by Discover, UnionPay and RuPay.
///
/// Not covered, on purpose: UATP (1: airline accounts), Troy (9792) and other domestic schemes
/// without a presence in the platform's market, and private-label cards. Ranges are kept at
/// 4-digit resolution, so the lookup is one table read.
public enum CardNetworks {
    /// One network's IIN range (first four digits, inclusive) and the PAN lengths it issues.
    public struct Range: Sendable {
        public let network: String
        public let firstFourDigits: ClosedRange<Int>
        public let lengths: ClosedRange<Int>

        init(_ network: String, _ low: Int, _ high: Int, lengths: ClosedRange<Int>) {
            // Ranges are written with 1–4 digits; widen them to four ("34" = 3400…3499).
            var low = low, high = high
            while low < 1000 { low *= 10; high = high * 10 + 9 }
            self.network = network
            self.firstFourDigits = low...high
            self.lengths = lengths
        }
    }

    public static let ranges: [Range] = [
        Range("Visa", 4, 4, lengths: 13...19),
        Range("Mastercard", 51, 55, lengths: 16...16),
        Range("Mastercard", 2221, 2720, lengths: 16...16),
        Range("American Express", 34, 34, lengths: 15...15),
        Range("American Express", 37, 37, lengths: 15...15),
        Range("Discover", 6011, 6011, lengths: 16...19),
        Range("Discover", 644, 649, lengths: 16...19),
        Range("Discover", 65, 65, lengths: 16...19),
        Range("JCB", 3528, 3589, lengths: 16...19),
        Range("UnionPay", 62, 62, lengths: 16...19),
        Range("UnionPay", 81, 81, lengths: 16...19),
        Range("Diners Club", 300, 305, lengths: 14...19),
        Range("Diners Club", 3095, 3095, lengths: 14...19),
        Range("Diners Club", 36, 36, lengths: 14...19),
        Range("Diners Club", 38, 39, lengths: 14...19),
        Range("Maestro", 5018, 5018, lengths: 13...19),
        Range("Maestro", 5020, 5020, lengths: 13...19),
        Range("Maestro", 5038, 5038, lengths: 13...19),
        Range("Maestro", 5893, 5893, lengths: 13...19),
        Range("Maestro", 6304, 6304, lengths: 13...19),
        Range("Maestro", 6759, 6759, lengths: 13...19),
        Range("Maestro", 6761, 6763, lengths: 13...19),
        Range("Maestro", 6767, 6767, lengths: 13...19),
        Range("Mir", 2200, 2204, lengths: 16...19),
        Range("RuPay", 60, 60, lengths: 16...16),
        Range("RuPay", 65, 65, lengths: 16...16),
        Range("RuPay", 81, 82, lengths: 16...16),
        Range("RuPay", 508, 508, lengths: 16...16),
        Range("RuPay", 353, 353, lengths: 16...16),
        Range("RuPay", 356, 356, lengths: 16...16),
    ]

    /// For each value of the first four digits (0000…9999), the PAN lengths some network issues
    /// there: bit `n - PANDetector.panDigitsMin` is set for length `n`.
    static let lengthMasks: [UInt8] = {
        var masks = [UInt8](repeating: 0, count: 10_000)
        for range in ranges {
            precondition(range.lengths.lowerBound >= PANDetector.panDigitsMin
                         && range.lengths.upperBound <= PANDetector.panDigitsMax, "\(range.network): lengths outside 13–19")
            var mask: UInt8 = 0
            for length in range.lengths { mask |= 1 << UInt8(length - PANDetector.panDigitsMin) }
            for firstFour in range.firstFourDigits { masks[firstFour] |= mask }
        }
        return masks
    }()

    /// The network issuing PANs of `digits.count` digits that start like `digits` (ASCII), if any.
    public static func network(of digits: some Collection<UInt8>) -> String? {
        guard digits.count >= PANDetector.panDigitsMin && digits.count <= PANDetector.panDigitsMax else { return nil }
        var firstFour = 0
        for byte in digits.prefix(4) {
            guard byte &- UInt8(ascii: "0") <= 9 else { return nil }
            firstFour = firstFour * 10 + Int(byte &- UInt8(ascii: "0"))
        }
        return ranges.first { $0.firstFourDigits.contains(firstFour) && $0.lengths.contains(digits.count) }?.network
    }
}
