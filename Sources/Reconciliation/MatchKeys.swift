import Money

/// Compact, exact forms of the keys the stages compare, so an index of a million ledger items
/// holds integers rather than strings: an ARN (23 digits) as `UInt128`, a Visa transaction id
/// (15 digits) as `UInt64`, an authorization code (up to 6 ASCII letters and digits) packed in a
/// `UInt64`, a tokenRef (64 hex digits, an HMAC-SHA256) as two `UInt128`.
public enum MatchKeys {
    /// nil unless 1...38 decimal digits.
    public static func digits128(_ text: some StringProtocol) -> UInt128? { digits(text, max: 38) }

    /// nil unless 1...18 decimal digits.
    public static func digits64(_ text: some StringProtocol) -> UInt64? { digits(text, max: 18) }

    /// nil unless 1...`max` decimal digits (`max` small enough that `T` cannot overflow).
    static func digits<T: FixedWidthInteger & UnsignedInteger>(_ text: some StringProtocol, max: Int) -> T? {
        var value: T = 0
        var count = 0
        for byte in text.utf8 {
            guard byte >= 0x30 && byte <= 0x39, count < max else { return nil }
            value = value * 10 + T(byte - 0x30)
            count += 1
        }
        return count > 0 ? value : nil
    }

    /// Up to 8 ASCII bytes, big-endian, with a length marker so "A" and "A\0" differ.
    public static func packed(_ text: some StringProtocol) -> UInt64? {
        var value: UInt64 = 0
        var count = 0
        for byte in text.utf8 {
            guard count < 7 else { return nil }
            value = value << 8 | UInt64(byte)
            count += 1
        }
        return value | UInt64(count) << 56
    }

    /// A 64-hex-digit tokenRef as 32 bytes; nil when it is not one.
    public static func tokenRef(_ text: some StringProtocol) -> TokenKey? {
        var high: UInt128 = 0, low: UInt128 = 0
        var count = 0
        for byte in text.utf8 {
            let nibble: UInt8
            switch byte {
            case 0x30...0x39: nibble = byte - 0x30
            case 0x61...0x66: nibble = byte - 0x61 + 10
            default: return nil
            }
            if count < 32 { high = high << 4 | UInt128(nibble) } else { low = low << 4 | UInt128(nibble) }
            count += 1
        }
        return count == 64 ? TokenKey(high: high, low: low) : nil
    }

    /// A tokenRef in binary.
    public struct TokenKey: Hashable, Sendable {
        public var high: UInt128
        public var low: UInt128
    }

    /// The fallback stage's key: everything but the date, which is compared within ±1 day.
    public struct FallbackKey: Hashable, Sendable {
        public var token: TokenKey
        public var authCode: UInt64
        public var amountMinor: Int64
        public var currency: Currency
    }
}
