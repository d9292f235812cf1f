import Testing
@testable import LedgerDomain

/// Card numbers written the ways they reach a ledger by accident or on purpose, and ordinary text
/// with numbers in it that must still pass.
enum PANSamples {
    /// A hostile value and the card number (ASCII digits) hidden in it.
    struct Hostile: CustomTestStringConvertible, Sendable {
        let text: String
        let pan: String
        var testDescription: String { "PAN of \(pan.count) digits starting \(pan.prefix(2))… in \(text.unicodeScalars.count) characters" }
    }

    /// `payload` followed by its Luhn check digit.
    static func luhn(_ payload: String) -> String {
        payload + String(UnicodeScalar(Luhn.checkDigit(for: Array(payload.utf8))))
    }

    /// The digits in groups of `sizes` (the last group takes the rest), joined by `separator`.
    static func grouped(_ digits: String, _ sizes: [Int], _ separator: String) -> String {
        var groups: [String] = []
        var rest = Substring(digits)
        for size in sizes where !rest.isEmpty {
            groups.append(String(rest.prefix(size)))
            rest = rest.dropFirst(size)
        }
        if !rest.isEmpty { groups.append(String(rest)) }
        return groups.joined(separator: separator)
    }

    /// The digits rewritten in another script whose zero is `zero` (full-width, Arabic-Indic, …).
    static func script(_ digits: String, zero: UInt32) -> String {
        String(String.UnicodeScalarView(digits.unicodeScalars.map { Unicode.Scalar(zero + ($0.value - 48))! }))
    }

    static let visa = "4111111111111111"
    static let visa13 = "4222222222222"
    static let visa19 = luhn("411111111111111111")
    static let mastercard = "5555555555554444"
    static let mastercard2 = "2221000000000009"
    static let amex = "378282246310005"
    static let amex34 = "340000000000009"
    static let discover = "6011111111111117"
    static let discover65 = luhn("650000000000000")
    static let jcb = "3530111333300000"
    static let unionPay = "6200000000000005"
    static let unionPay19 = luhn("621234567890123456")
    static let unionPayDebit = luhn("622202123456789012")
    static let unionPay81 = luhn("810012345678901")
    static let diners = "30569309025904"
    static let diners36 = "36227206271667"
    static let maestro = "6759649826438453"
    static let mir = luhn("220012345678901")
    static let ruPay = luhn("508512345678901")

    static let hostile: [Hostile] = [
        // The examples.
        Hostile(text: "card 4111 1111 1111 1111 12/25", pan: visa),
        Hostile(text: "qty 2 4111111111111111", pan: visa),
        Hostile(text: "4111111111111111-01", pan: visa),
        Hostile(text: "4111.1111.1111.1111", pan: visa),
        Hostile(text: "4111/1111/1111/1111", pan: visa),
        Hostile(text: "4111  1111  1111  1111", pan: visa),
        Hostile(text: grouped(visa, [4, 4, 4], "\u{00A0}"), pan: visa),
        Hostile(text: script(visa, zero: 0xFF10), pan: visa),
        Hostile(text: "4111111111111111", pan: visa),
        // Other separators, repeated and mixed.
        Hostile(text: grouped(visa, [4, 4, 4], "\u{3000}"), pan: visa),
        Hostile(text: grouped(visa, [4, 4, 4], "\u{202F}"), pan: visa),
        Hostile(text: grouped(visa, [4, 4, 4], "\u{2007}"), pan: visa),
        Hostile(text: grouped(visa, [4, 4, 4], "\t"), pan: visa),
        Hostile(text: grouped(visa, [4, 4, 4], "\n"), pan: visa),
        Hostile(text: "4111 - 1111 / 1111.1111", pan: visa),
        Hostile(text: grouped(visa, [4, 4, 4], " / "), pan: visa),
        Hostile(text: grouped(visa, [4, 4, 4], "\u{2010}"), pan: visa),
        Hostile(text: grouped(visa, [4, 4, 4], "\u{2212}"), pan: visa),
        Hostile(text: grouped(visa, [4, 4, 4], "\u{2014}"), pan: visa),
        Hostile(text: grouped(visa, [4, 4, 4], "\u{200B}"), pan: visa),
        Hostile(text: grouped(visa, [4, 4, 4], "\u{00AD}"), pan: visa),
        Hostile(text: grouped(visa, [4, 4, 4], "_"), pan: visa),
        Hostile(text: grouped(script(visa, zero: 0xFF10), [4, 4, 4], "\u{FF0D}"), pan: visa),
        Hostile(text: grouped(visa, [4, 4, 4], "\u{FF0E}") + "／25", pan: visa),
        Hostile(text: visa.map(String.init).joined(separator: " "), pan: visa),
        // Unicode digits of other scripts.
        Hostile(text: script(mastercard, zero: 0x0660), pan: mastercard),
        Hostile(text: script(unionPay, zero: 0x0966), pan: unionPay),
        Hostile(text: script(amex, zero: 0x1D7CE), pan: amex),
        // Inside longer runs of digits and text.
        Hostile(text: "0000" + visa + "999", pan: visa),
        Hostile(text: "ref " + visa + "0000", pan: visa),
        Hostile(text: "x4242424242424242x", pan: "4242424242424242"),
        Hostile(text: "4012888888881881 12/27 123", pan: "4012888888881881"),
        Hostile(text: "卡号：" + grouped(unionPayDebit, [4, 4, 4, 4], " ") + "，有效期 12/28", pan: unionPayDebit),
        Hostile(text: "PAN:" + mastercard, pan: mastercard),
        // Networks and lengths.
        Hostile(text: visa13, pan: visa13),
        Hostile(text: visa19, pan: visa19),
        Hostile(text: grouped(amex, [4, 6, 5], " "), pan: amex),
        Hostile(text: amex34, pan: amex34),
        Hostile(text: grouped(mastercard, [4, 4, 4], "-"), pan: mastercard),
        Hostile(text: grouped(mastercard2, [4, 4, 4], " "), pan: mastercard2),
        Hostile(text: discover, pan: discover),
        Hostile(text: discover65, pan: discover65),
        Hostile(text: jcb, pan: jcb),
        Hostile(text: unionPay, pan: unionPay),
        Hostile(text: grouped(unionPay19, [6, 13], " "), pan: unionPay19),
        Hostile(text: unionPay81, pan: unionPay81),
        Hostile(text: grouped(diners, [4, 6, 4], " "), pan: diners),
        Hostile(text: diners36, pan: diners36),
        Hostile(text: maestro, pan: maestro),
        Hostile(text: mir, pan: mir),
        Hostile(text: ruPay, pan: ruPay),
    ]

    /// Ordinary values with numbers that must not be taken for card numbers.
    static let ordinary: [String] = [
        "+86 138 0013 8000", "+852 2123 4567", "+853 2888 1234", "+886 2 2345 6789", "Tel 021-6888 8888 ext. 1234",
        "HS 8471.30.0000", "8517.62.0000", "INV-2026-000123", "PO 4500012345", "PO-4500012345-10",
        "2026-12-01", "12/25", "2026/04/01–2026/04/30", "2026-05-15T10:00:00+08:00", "20261201123045", "1764547200000",
        "HSBC 123-456", "CNAPS 102100099996", "SWIFT HSBCHKHHHKH ref 0012345678", "1,234,567.89",
        "4111111111111112", "order 4111111111111112", luhn("911111111111111"), luhn("100000000000000"),
        "411111111113", "invoice 12345", "Qty 12, unit 34.50, total 414.00", "深圳市南山区科技园1号楼 邮编518000",
        "電話：０２１－１２３４５６７８", "Widgets 20000mAh, 65W", "IBAN GB82 WEST 1234 5698 7654 32",
    ]
}
