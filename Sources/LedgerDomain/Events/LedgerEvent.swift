import Money

/// What every event type provides. The canonical JSON body holds all fields, `effectiveAt` and
/// `postings`, keys sorted; `writeFields` lists them in that order (checked by the writer).
public protocol LedgerEvent: Sendable, Hashable {
    static var eventType: String { get }
    /// The current schema version (what `canonicalJSON` writes).
    static var schemaVersion: Int { get }
    /// Business time.
    var effectiveAt: Timestamp { get }
    /// Signed minor units per account and currency; balanced per currency.
    var postings: [Posting] { get }
    /// The stream this event belongs to.
    var streamId: String { get }

    func writeFields(to writer: inout CanonicalJSONWriter)
}

/// The module's side of an event type: reading a current-version body.
protocol DecodableLedgerEvent: LedgerEvent {
    init(reading reader: inout FieldReader) throws(FieldProblem)
}

extension LedgerEvent {
    public func canonicalJSON() -> [UInt8] {
        var writer = CanonicalJSONWriter()
        writer.beginObject()
        writeFields(to: &writer)
        writer.endObject()
        return writer.bytes
    }
}

/// Builds balanced postings, leaving out zero legs.
struct PostingList {
    private(set) var postings: [Posting] = []

    mutating func debit(_ account: String, _ amount: Amount) {
        if !amount.isZero { postings.append(.debit(account, amount)) }
    }

    mutating func credit(_ account: String, _ amount: Amount) {
        if !amount.isZero { postings.append(.credit(account, amount)) }
    }
}

extension FieldReader {
    /// Reads an explicit postings array (events whose postings are decided, not derived).
    mutating func postings(_ key: String) throws(FieldProblem) -> [Posting] {
        var readers = try objectArray(key, countMax: 64)
        var result: [Posting] = []
        for index in readers.indices {
            let account = try readers[index].string("account")
            let currency = try readers[index].currency("currency")
            let amount = try readers[index].amount("amount", currency: currency, sign: .any)
            try readers[index].finish()
            result.append(Posting(account: account, currency: currency, amountMinor: amount.minorUnits))
        }
        return result
    }

    /// Marks derived postings as read: the decoder re-encodes the event and compares bytes, which
    /// checks them against the posting rules.
    mutating func derivedPostings() { skip("postings") }
}
