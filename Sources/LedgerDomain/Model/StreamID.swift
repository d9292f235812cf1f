import Money

/// Stream ids, one stream per aggregate (DOMAIN.md "Streams"), and their types.
public enum StreamID {
    public static func party(_ id: String) -> String { "party-\(id)" }
    public static func card(_ bindingId: String) -> String { "card-\(bindingId)" }
    public static func invoice(_ id: String) -> String { "invoice-\(id)" }
    public static func payment(_ id: String) -> String { "payment-\(id)" }
    public static func subsidy(_ programId: String) -> String { "subsidy-\(programId)" }
    public static func fxRate(base: Currency, quote: Currency) -> String { "fxrate-\(base.code)\(quote.code)" }
    public static func settlementFile(_ sha256Hex: String) -> String { "settlement-file-\(sha256Hex)" }
    public static func payout(merchant: String, currency: Currency, date: CalendarDay) -> String {
        "payout-\(merchant)-\(currency.code)-\(date.text)"
    }
    public static func reconException(_ id: String) -> String { "recon-exception-\(id)" }
    /// The ledger's programme set: one `SubsidyProgramListed` per launch, in launch order.
    public static let programs = "ledger-programs"
    /// The ledger's closed periods: one `PeriodClosed` per close, dates increasing.
    public static let periods = "ledger-periods"

    /// Stream types, as used by `StreamNeed.allOfType` and the store's `stream_type` column.
    public static let partyType = "party"
    public static let cardType = "card"
    public static let invoiceType = "invoice"
    public static let paymentType = "payment"
    public static let subsidyType = "subsidy"
    public static let fxRateType = "fxrate"
    public static let settlementFileType = "settlement-file"
    public static let payoutType = "payout"
    public static let reconExceptionType = "recon-exception"
    /// Ledger-level streams (`ledger-programs`, `ledger-periods`), one of each per ledger.
    public static let ledgerType = "ledger"

    /// Longest prefixes first, so "recon-exception-x" is not read as something shorter.
    /// `ledger.stream_type` (schema/008) mirrors this list for the store's `stream_type` column.
    public static let types = [reconExceptionType, settlementFileType, invoiceType, paymentType, subsidyType,
                               fxRateType, payoutType, partyType, cardType, ledgerType]

    /// The type of a stream id ("payment" for "payment-P1"); nil for an unknown prefix.
    public static func type(of streamId: String) -> String? {
        for type in types where streamId.utf8.count > type.utf8.count + 1 {
            if streamId.hasPrefix(type) && streamId.utf8.dropFirst(type.utf8.count).first == UInt8(ascii: "-") {
                return type
            }
        }
        return nil
    }
}
