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
    public func canonicalJSON() -> [UInt8] { canonicalWriter(capacity: 256).bytes }

    /// Whether `body` is exactly this event's canonical JSON (written into the writer's buffer and
    /// compared there: no array is built).
    public func hasCanonicalJSON(_ body: [UInt8]) -> Bool { canonicalWriter(capacity: body.count).matches(body) }

    private func canonicalWriter(capacity: Int) -> CanonicalJSONWriter {
        var writer = CanonicalJSONWriter(capacity: capacity)
        writer.beginObject()
        writeFields(to: &writer)
        writer.endObject()
        return writer
    }
}
