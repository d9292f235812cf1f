import Money

/// Ledger items matched by the lines of one settlement file, on `settlement-file-{fileId}`: at most
/// `itemsMax` items per event, so a file of a million matched lines is a few hundred events.
///
/// Postings are derived (and re-derived on read) from the items: the sum per account and currency
/// of each item's legs (`SettlementItem.legs`), zero sums left out, sorted by currency then
/// account. Exclusivity (an item matched at most once across files) is enforced by the importer
/// under the ledger's reconciliation lock (schema/011_reconciliation.sql); these events are the
/// record of which line matched which item, and by which keys.
public struct SettlementItemsMatched: DecodableLedgerEvent {
    public static let eventType = "SettlementItemsMatched"
    public static let schemaVersion = 1
    /// Items per event: bounds an event body (about 300 bytes per item).
    public static let itemsMax = 1_000

    public var fileId: String
    /// 1, 2, … within the file.
    public var part: Int64
    public var items: [SettlementItem]
    public var effectiveAt: Timestamp
    public let postings: [Posting]

    public init(fileId: String, part: Int64, items: [SettlementItem], effectiveAt: Timestamp) {
        precondition(!items.isEmpty && items.count <= Self.itemsMax, "1 to itemsMax items per event")
        self.fileId = fileId
        self.part = part
        self.items = items
        self.effectiveAt = effectiveAt
        self.postings = Self.aggregate(items)
    }

    /// Σ legs per (currency, account); each item's magnitudes are below 10^15 and there are at
    /// most `itemsMax` of them, so no sum can overflow.
    static func aggregate(_ items: [SettlementItem]) -> [Posting] {
        struct Key: Hashable { var currency: Currency; var account: String }
        var sums: [Key: Int64] = [:]
        for item in items { for leg in item.legs() { sums[Key(currency: leg.currency, account: leg.account), default: 0] += leg.amountMinor } }
        return sums.filter { $0.value != 0 }
            .sorted { ($0.key.currency.code, $0.key.account) < ($1.key.currency.code, $1.key.account) }
            .map { Posting(account: $0.key.account, currency: $0.key.currency, amountMinor: $0.value) }
    }

    public var streamId: String { StreamID.settlementFile(fileId) }

    public func writeFields(to writer: inout CanonicalJSONWriter) {
        writer.field("effectiveAt", effectiveAt)
        writer.field("fileId", fileId)
        writer.key("items")
        writer.beginArray()
        for item in items { item.write(to: &writer) }
        writer.endArray()
        writer.field("part", part)
        Postings.write(postings, to: &writer)
    }

    init(reading reader: inout FieldReader) throws(FieldProblem) {
        var readers = try reader.objectArray("items", countMax: Self.itemsMax)
        var items: [SettlementItem] = []
        items.reserveCapacity(readers.count)
        for index in readers.indices { items.append(try SettlementItem(reading: &readers[index])) }
        guard !items.isEmpty else { throw reader.invalid("items", "at least one item") }
        self.init(fileId: try reader.string("fileId"), part: try reader.int("part", range: 1...Int64.max), items: items,
                  effectiveAt: try reader.timestamp("effectiveAt"))
        reader.derivedPostings()
    }
}
