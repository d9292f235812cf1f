/// Keeps full card numbers (PANs) out of the ledger (DOMAIN.md "Parties and cards"). It runs once
/// over a command's parsed JSON, before any field is read, so it covers every command type alike,
/// and every key and value the decoder could store, echo or use as a stream id:
///
/// - every key, at every depth: a forbidden name (`pan`, `cardNumber`, `accountNumber`, …,
///   compared case-insensitively and ignoring `_` and `-`) or a key that holds a card number;
/// - every string and every number, at every depth (nested objects and arrays included): free
///   text, ids, references, dates, amounts, the `type` and the `commandId` alike, scanned by
///   `PANDetector`;
/// - except the `ownFormatFields`, whose value is a long number by definition, and only while the
///   value has that field's shape (all ASCII digits, the field's length): anything else in such a
///   field is scanned like any other text. A value with the shape is then validated by the
///   command's decoder (an ARN's check digit), whose message never echoes it.
///
/// A rejection (`pan_detected`) names the field by its path; it never holds the value, and a key
/// that might hold a card number is named by its position (`<key #3>`). Nothing is logged.
public enum PANGuard {
    /// Field names that announce a card number, lower-cased without `_` and `-`.
    static let forbiddenFieldNames: [[UInt8]] = [
        "pan", "cardnumber", "cardno", "creditcardnumber", "accountnumber", "primaryaccountnumber",
    ].map { Array($0.utf8) }
    static let fieldNameBytesChecked = 24

    /// A field whose value is a long number in its own right, exempt from the detector while the
    /// value has the field's shape; the command's decoder validates it fully.
    public struct OwnFormatField: Sendable {
        public let command: String
        public let key: String
        public let shape: String
        public let hasShape: @Sendable (String) -> Bool
    }

    /// The exempt fields, all top-level members of their command:
    /// - `arn` of CaptureCardPayment and RefundCardPayment: 23 digits (the last a Luhn check
    ///   digit), so every ARN holds 13–19 digit windows and some of them pass Luhn with a network
    ///   prefix; a wrong check digit is the decoder's `invalid_field`, not a card number;
    /// - `visaTransactionId` of CaptureCardPayment: exactly 15 digits, assigned by Visa (one in
    ///   ten would pass Luhn, and many start like an Amex, Diners or JCB number);
    /// - `token` of BindCard: 13–19 digits; a network token is PAN-shaped by design (a Visa token
    ///   starts with 4 and passes Luhn). It is the one way a card enters the ledger, kept only as
    ///   its HMAC (`tokenRef`), and never echoed.
    public static let ownFormatFields: [OwnFormatField] = [
        OwnFormatField(command: CaptureCardPayment.typeName, key: "arn", shape: "23 digits",
                       hasShape: { Identifier.isDigits($0, count: 23...23) }),
        OwnFormatField(command: RefundCardPayment.typeName, key: "arn", shape: "23 digits",
                       hasShape: { Identifier.isDigits($0, count: 23...23) }),
        OwnFormatField(command: CaptureCardPayment.typeName, key: "visaTransactionId", shape: "15 digits",
                       hasShape: { Identifier.isValidVisaTransactionId($0) }),
        OwnFormatField(command: BindCard.typeName, key: "token", shape: "13–19 digits",
                       hasShape: { Identifier.isDigits($0, count: BindCard.tokenDigits) }),
    ]

    static let ownFormatFieldsByCommand: [String: [OwnFormatField]] = Dictionary(grouping: ownFormatFields) { $0.command }

    /// The first card number (or forbidden field name) in the command `document` (an object), as
    /// a rejection; nil when there is none.
    static func check(_ document: JSONDocument) -> CommandRejection? {
        var typeName: String? = nil
        for member in document.children(JSONDocument.root) where document.key(member, is: "type") {
            if document.kind(member) == .string { typeName = document.string(member) }
        }
        let exempt = typeName.flatMap { ownFormatFieldsByCommand[$0] } ?? []
        guard let hit = find(inObject: JSONDocument.root, of: document, exempt: exempt) else { return nil }
        return hit.rejection()
    }

    /// Whether a key (its UTF-8) names a card number field: "pan", "card_number", … whatever the
    /// case and separators.
    static func isForbiddenFieldName(utf8 name: UnsafeBufferPointer<UInt8>) -> Bool {
        // ASCII-lower-cased bytes without "_" and "-", on the stack; longer names cannot match.
        guard name.count <= fieldNameBytesChecked * 2 else { return false }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: fieldNameBytesChecked) { buffer in
            var count = 0
            for byte in name where byte != UInt8(ascii: "_") && byte != UInt8(ascii: "-") {
                guard count < fieldNameBytesChecked else { return false }
                buffer[count] = (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) ? byte + 32 : byte
                count += 1
            }
            let normalized = UnsafeBufferPointer(rebasing: buffer[0..<count])
            return forbiddenFieldNames.contains { $0.elementsEqual(normalized) }
        }
    }
}
