/// Keeps full card numbers (PANs) out of the ledger (DOMAIN.md "Parties and cards").
///
/// - A field named `pan`, `cardNumber` or `accountNumber` — compared case-insensitively and
///   ignoring `_` and `-`, so `card_number` and `PAN` count too — is refused wherever it appears.
/// - In a free-text field (`freeTextFieldNames`), a run of 13–19 digits that passes the Luhn check
///   is refused. Digits separated by single spaces or dashes count as one run ("4111 1111 1111
///   1111"). Only maximal runs are checked: a 20+ digit run is not a PAN.
/// Messages name the field, never the number.
public enum PANGuard {
    public static let panDigitsMin = 13
    public static let panDigitsMax = 19

    static let forbiddenFieldNames: [[UInt8]] = ["pan", "cardnumber", "accountnumber"].map { Array($0.utf8) }
    static let fieldNameBytesChecked = 16

    /// Fields whose values are free text and are scanned for card numbers.
    public static let freeTextFieldNames: Set<String> = [
        "name", "description", "reason", "note", "bankReference", "source", "tokenRequestorId",
        "commandId", "memo", "comment", "reference", "details",
    ]

    public static func isForbiddenFieldName(_ name: String) -> Bool {
        // ASCII-lower-cased bytes without "_" and "-", on the stack; longer names cannot match.
        guard name.utf8.count <= fieldNameBytesChecked * 2 else { return false }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: fieldNameBytesChecked) { buffer in
            var count = 0
            for byte in name.utf8 where byte != UInt8(ascii: "_") && byte != UInt8(ascii: "-") {
                guard count < fieldNameBytesChecked else { return false }
                buffer[count] = (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) ? byte + 32 : byte
                count += 1
            }
            let normalized = UnsafeBufferPointer(rebasing: buffer[0..<count])
            return forbiddenFieldNames.contains { $0.elementsEqual(normalized) }
        }
    }

    /// True when `text` holds a maximal run of 13–19 digits (single space/dash separators
    /// allowed between digits) that passes the Luhn check.
    public static func containsCardNumber(_ text: String) -> Bool {
        var digits: [UInt8] = []
        digits.reserveCapacity(24)
        var previousWasSeparator = false
        func runIsPAN() -> Bool {
            digits.count >= panDigitsMin && digits.count <= panDigitsMax && Luhn.isValid(digits)
        }
        for byte in text.utf8 {
            if byte &- UInt8(ascii: "0") <= 9 {
                digits.append(byte)
                previousWasSeparator = false
            } else if (byte == 0x20 || byte == UInt8(ascii: "-")) && !digits.isEmpty && !previousWasSeparator {
                previousWasSeparator = true
            } else {
                if runIsPAN() { return true }
                digits.removeAll(keepingCapacity: true)
                previousWasSeparator = false
            }
        }
        return runIsPAN()
    }

    /// True when the text has 13 or more digits in total: such a value is never echoed back.
    public static func mayHoldCardNumber(_ text: String) -> Bool {
        var count = 0
        for byte in text.utf8 where byte &- UInt8(ascii: "0") <= 9 {
            count += 1
            if count >= panDigitsMin { return true }
        }
        return false
    }
}
