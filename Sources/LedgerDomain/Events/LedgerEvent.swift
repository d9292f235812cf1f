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

extension LedgerEvent {
    public func canonicalJSON() -> [UInt8] {
        var writer = CanonicalJSONWriter()
        writer.beginObject()
        writeFields(to: &writer)
        writer.endObject()
        return writer.bytes
    }
}
