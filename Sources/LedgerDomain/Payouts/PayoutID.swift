import Money

/// Payout identity (merchant, payable currency, settlement date) and its id, the payout's stream
/// id `payout-{merchant}-{ccy}-{date}` (DOMAIN.md "Streams"). Settlement uses the same text as
/// the command id of the payout's append, so a rerun finds it and pays nothing twice.
public struct PayoutID: Sendable, Hashable {
    public var merchantId: String
    public var currency: Currency
    public var date: CalendarDay

    public init(merchantId: String, currency: Currency, date: CalendarDay) {
        self.merchantId = merchantId
        self.currency = currency
        self.date = date
    }

    public var text: String { StreamID.payout(merchant: merchantId, currency: currency, date: date) }

    /// Parses `payout-{merchant}-{ccy}-{YYYY-MM-DD}`; nil when it is not one.
    public init?(parsing text: String) {
        let bytes = Array(text.utf8)
        let prefix = Array("payout-".utf8)
        let tail = 15  // "-CCC-YYYY-MM-DD"
        guard bytes.count > prefix.count + tail, bytes.starts(with: prefix) else { return nil }
        let merchantEnd = bytes.count - tail
        guard bytes[merchantEnd] == UInt8(ascii: "-"), bytes[merchantEnd + 4] == UInt8(ascii: "-") else { return nil }
        let merchant = String(decoding: bytes[prefix.count..<merchantEnd], as: UTF8.self)
        let code = String(decoding: bytes[(merchantEnd + 1)..<(merchantEnd + 4)], as: UTF8.self)
        let dayText = String(decoding: bytes[(merchantEnd + 5)...], as: UTF8.self)
        guard Identifier.isValidId(merchant), let currency = Currency(code: code),
              let day = try? CalendarDay(parsing: dayText) else { return nil }
        self.init(merchantId: merchant, currency: currency, date: day)
    }
}
