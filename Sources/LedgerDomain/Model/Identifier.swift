/// Validation of the ledger's identifiers and codes (DOMAIN.md "Formats").
public enum Identifier {
    /// Longest id, in bytes: ids are 1–64 chars of `[A-Za-z0-9._-]`.
    public static let idBytesMax = 64
    /// Longest command id, in bytes (1–128 chars, printable ASCII).
    public static let commandIdBytesMax = 128

    /// True for 1–64 chars of `[A-Za-z0-9._-]`.
    public static func isValidId(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(isValidId(utf8:))
    }

    public static func isValidId(utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !utf8.isEmpty && utf8.count <= idBytesMax else { return false }
        for byte in utf8 where !isIdByte(byte) { return false }
        return true
    }

    /// True for 1–128 printable ASCII characters (no spaces at either end, no control characters).
    public static func isValidCommandId(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard !utf8.isEmpty && utf8.count <= commandIdBytesMax else { return false }
        guard utf8.first != 0x20 && utf8.last != 0x20 else { return false }
        return utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    @inline(__always)
    static func isIdByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    /// ISO 3166-1 alpha-2 shape: two upper-case ASCII letters. (The code list itself is not
    /// checked: assignments change, and a wrong but well-formed code only fails eligibility.)
    public static func isCountryCode(_ text: String) -> Bool {
        let utf8 = text.utf8
        return utf8.count == 2 && utf8.allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
    }

    /// True when every byte is an ASCII digit and the count is in `counts`.
    public static func isDigits(_ text: String, count counts: ClosedRange<Int>) -> Bool {
        let utf8 = text.utf8
        return counts.contains(utf8.count) && utf8.allSatisfy { $0 &- UInt8(ascii: "0") <= 9 }
    }

    /// An acquirer reference number: 23 digits with a valid Luhn check digit.
    public static func isValidARN(_ text: String) -> Bool {
        isDigits(text, count: 23...23) && Luhn.isValid(text.utf8)
    }

    /// An authorization code: exactly 6 ASCII letters or digits.
    public static func isValidAuthCode(_ text: String) -> Bool {
        let utf8 = text.utf8
        return utf8.count == 6 && utf8.allSatisfy { isIdByte($0) && $0 != UInt8(ascii: ".") && $0 != UInt8(ascii: "_") && $0 != UInt8(ascii: "-") }
    }

    /// A Visa transaction id: exactly 15 digits.
    public static func isValidVisaTransactionId(_ text: String) -> Bool { isDigits(text, count: 15...15) }
}
