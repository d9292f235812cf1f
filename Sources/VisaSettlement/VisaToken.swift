/// The account number field of a draft (positions 5-20): here the network token.
///
/// Reconciliation HMACs it to a tokenRef; it is never stored or printed. `description`,
/// `debugDescription` and reflection all show a redaction, so neither `print(draft)` nor string
/// interpolation can leak it. The 16 bytes are kept inline (two words), so reading a draft does not
/// allocate for the token.
public struct VisaToken: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable {
    public static let fieldBytes = 16
    private let high: UInt64
    private let low: UInt64

    /// The field exactly as written: `fieldBytes` ASCII bytes (digits, then spaces).
    public init(fieldBytes bytes: some Collection<UInt8>) {
        precondition(bytes.count == VisaToken.fieldBytes, "the account number field is 16 bytes")
        var words: (UInt64, UInt64) = (0, 0)
        for (i, byte) in bytes.enumerated() {
            if i < 8 { words.0 = words.0 << 8 | UInt64(byte) } else { words.1 = words.1 << 8 | UInt64(byte) }
        }
        high = words.0
        low = words.1
    }

    /// A token of up to 16 digits, space padded on the right as the file writes it.
    public init(digits: String) {
        let utf8 = Array(digits.utf8)
        precondition(utf8.count <= VisaToken.fieldBytes && utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 },
                     "a token is at most 16 digits")
        self.init(fieldBytes: utf8 + [UInt8](repeating: 0x20, count: VisaToken.fieldBytes - utf8.count))
    }

    /// The 16 bytes of the field as written.
    public var fieldBytes: [UInt8] {
        var bytes = [UInt8]()
        bytes.reserveCapacity(VisaToken.fieldBytes)
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: high >> UInt64(shift))) }
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: low >> UInt64(shift))) }
        return bytes
    }

    /// The token's digits without the trailing space padding: what reconciliation HMACs.
    public var digits: [UInt8] {
        var bytes = fieldBytes
        while bytes.last == 0x20 { bytes.removeLast() }
        return bytes
    }

    public var description: String { "VisaToken(redacted)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
