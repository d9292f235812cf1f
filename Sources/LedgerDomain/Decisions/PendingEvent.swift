/// An event to append: `expectedVersion` is the stream's version before the command (0: the
/// stream must not exist yet). Every event of one decision on one stream has the same one.
public struct PendingEvent: Sendable, Hashable {
    public let streamId: String
    public let expectedVersion: Int64
    public let event: DomainEvent

    public init(streamId: String, expectedVersion: Int64, event: DomainEvent) {
        self.streamId = streamId
        self.expectedVersion = expectedVersion
        self.event = event
    }
}
