import Money

/// A decimal amount as written in a command whose currency comes from ledger state (a refund in
/// the payment's currency, a credit note in the invoice's). Its grammar and sign were checked
/// when the command was read; `resolve` applies the currency's decimal places.
public struct DecimalAmount: Hashable, Sendable {
    public let text: String

    public init(text: String) { self.text = text }

    /// Equal when they denote the same number ("12.5" == "12.50").
    public static func == (lhs: DecimalAmount, rhs: DecimalAmount) -> Bool { lhs.canonicalText == rhs.canonicalText }
    public func hash(into hasher: inout Hasher) { hasher.combine(canonicalText) }

    public init(_ amount: Amount) { self.text = amount.decimalString }

    public func resolve(_ currency: Currency) throws(MoneyError) -> Amount {
        try Amount(parsing: text, currency: currency, allowNegative: false)
    }

    /// The canonical text: trailing fraction zeros (and a bare ".") dropped, leading zeros
    /// dropped, so "12.50" and "12.5" hash alike.
    public var canonicalText: String {
        var integer = Substring(text)
        var fraction: Substring = ""
        if let point = text.firstIndex(of: ".") {
            integer = text[..<point]
            fraction = text[text.index(after: point)...]
        }
        while fraction.last == "0" { fraction = fraction.dropLast() }
        while integer.count > 1 && integer.first == "0" { integer = integer.dropFirst() }
        return fraction.isEmpty ? String(integer) : "\(integer).\(fraction)"
    }
}
