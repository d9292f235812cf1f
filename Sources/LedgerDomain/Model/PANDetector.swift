/// Finds full card numbers (PANs) in text, the way a PCI DSS data-discovery scan does.
///
/// 1. Unicode decimal digits (full-width ０–９, Arabic-Indic, Devanagari, …) count as the digits
///    0–9 they stand for.
/// 2. A *digit run* is a sequence of digits in which any two neighbours are separated by at most
///    `separatorsBetweenDigitsMax` separator characters (spaces of every kind, dashes, dots,
///    slashes, underscores, invisible characters: `classify(scalar:)` has the list), in any
///    grouping: "4111 1111 1111 1111", "4111-1111-1111-1111", "4111.1111.1111.1111",
///    "4111 / 1111 / 1111 / 1111", "41 11 11 11…". Any other character ends the run; so do more
///    than `separatorsBetweenDigitsMax` separators in a row, which keeps numbers that only stand
///    near each other in prose apart.
/// 3. In a run of 13 or more digits every window of 13–19 digits, starting at every position, is a
///    candidate — a PAN hidden in a longer number ("00004111111111111111999", "qty 2
///    4111111111111111", "4111111111111111-01 12/25") is found.
/// 4. A candidate is a PAN when its first digits and length match a card network
///    (`CardNetworks`) and it passes the Luhn check.
///
/// Cost: a text with fewer than 13 characters that could be digits (ASCII digits plus one for
/// every non-ASCII character outside the CJK and Hangul blocks) is answered after one pass over
/// its UTF-8 bytes, without allocating. Otherwise one more pass, still without allocating: ASCII
/// is classified from the byte, a scalar is decoded only where a non-ASCII byte appears, the last
/// digits live in a small ring on the stack, and each digit of a long run costs at most seven
/// table reads, plus a Luhn sum where a network's prefix and length match.
public enum PANDetector {
    public static let panDigitsMin = 13
    public static let panDigitsMax = 19
    /// Separator characters allowed between two digits of one run: enough for "4111 - 1111" and
    /// "4111 / 1111", few enough that numbers in ordinary prose stay apart.
    public static let separatorsBetweenDigitsMax = 3

    /// Digits kept of the current run (a power of two, at least `panDigitsMax`).
    static let ringDigits = 32

    /// True when `text` holds a card number (see the type's documentation).
    public static func containsCardNumber(_ text: String) -> Bool {
        if let found = text.utf8.withContiguousStorageIfAvailable({ containsCardNumber(utf8: $0) }) { return found }
        var copy = text
        copy.makeContiguousUTF8()
        return copy.utf8.withContiguousStorageIfAvailable { containsCardNumber(utf8: $0) } ?? true
    }

    /// `containsCardNumber` over valid UTF-8 bytes.
    public static func containsCardNumber(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard digitLikeCount(bytes, atLeast: panDigitsMin) >= panDigitsMin else { return false }
        return scan(bytes)
    }

    /// True when the text has 13 or more characters that are, or might be, digits (`mayStartDigit`:
    /// non-ASCII characters count, except CJK ideographs and Hangul): such a text is never echoed
    /// in a message.
    public static func mayHoldCardNumber(_ text: String) -> Bool {
        if let count = text.utf8.withContiguousStorageIfAvailable({ digitLikeCount($0, atLeast: panDigitsMin) }) {
            return count >= panDigitsMin
        }
        var count = 0
        for byte in text.utf8 where mayStartDigit(byte) { count += 1 }
        return count >= panDigitsMin
    }

    /// Characters that are or might be digits, counted up to `limit`.
    @inline(__always)
    static func digitLikeCount(_ bytes: UnsafeBufferPointer<UInt8>, atLeast limit: Int) -> Int {
        var count = 0
        for byte in bytes where mayStartDigit(byte) {
            count += 1
            if count >= limit { return count }
        }
        return count
    }

    /// An ASCII digit, or the lead byte of a non-ASCII scalar (one per scalar) outside the blocks
    /// that hold no digits for certain: lead bytes E4–E9 (U+4000–U+9FFF, CJK ideographs) and EB–EC
    /// (U+B000–U+CFFF, Hangul syllables), so Chinese and Korean text stays on the fast path.
    @inline(__always)
    static func mayStartDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") <= 9 || (byte >= 0xC0 && byte &- 0xE4 > 5 && byte &- 0xEB > 1)
    }

    static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: ringDigits) { ring in
            var run = 0         // digits in the current run
            var separators = 0  // separators since the run's last digit
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                var digit = byte &- UInt8(ascii: "0")
                var isSeparator = false
                if byte < 0x80 {
                    index += 1
                    if digit > 9 { isSeparator = isSeparatorASCII(byte) }
                } else {
                    let (value, length) = scalar(at: index, in: bytes)
                    index += length
                    switch classify(scalar: value) {
                    case .digit(let value): digit = value
                    case .separator: isSeparator = true
                    case .other: break
                    }
                }
                if digit <= 9 {
                    ring[run & (ringDigits - 1)] = digit
                    run += 1
                    separators = 0
                    if run >= panDigitsMin && windowEndingHereIsPAN(ring, run: run) { return true }
                } else if isSeparator {
                    guard run > 0 else { continue }
                    separators += 1
                    if separators > separatorsBetweenDigitsMax { run = 0; separators = 0 }
                } else {
                    run = 0
                    separators = 0
                }
            }
            return false
        }
    }

    /// Checks the windows of 13…19 digits that end with the run's latest digit: run by run, every
    /// window at every start position is checked exactly once.
    @inline(__always)
    static func windowEndingHereIsPAN(_ ring: UnsafeMutableBufferPointer<UInt8>, run: Int) -> Bool {
        let mask = ringDigits - 1
        let masks = CardNetworks.lengthMasks
        for length in panDigitsMin...min(run, panDigitsMax) {
            let start = run - length
            let firstFour = Int(ring[start & mask]) * 1000 + Int(ring[(start + 1) & mask]) * 100
                + Int(ring[(start + 2) & mask]) * 10 + Int(ring[(start + 3) & mask])
            guard masks[firstFour] & (1 << UInt8(length - panDigitsMin)) != 0 else { continue }
            var sum = 0
            for offset in 0..<length {
                let digit = Int(ring[(run - 1 - offset) & mask])
                let doubled = digit * 2
                sum += offset & 1 == 0 ? digit : (doubled > 9 ? doubled - 9 : doubled)
            }
            if sum % 10 == 0 { return true }
        }
        return false
    }
}
