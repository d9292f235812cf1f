import LibPQ

/// One event to append. `body` is the exact canonical JSON that is stored and hashed.
public struct NewEvent: Sendable {
    public var streamId: String
    public var eventType: String
    public var schemaVersion: Int32
    public var body: [UInt8]
    public var effectiveAt: PGTimestamp

    public init(streamId: String, eventType: String, schemaVersion: Int32, body: [UInt8], effectiveAt: PGTimestamp) {
        self.streamId = streamId
        self.eventType = eventType
        self.schemaVersion = schemaVersion
        self.body = body
        self.effectiveAt = effectiveAt
    }
}
