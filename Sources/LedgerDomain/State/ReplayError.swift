/// An event that cannot be folded into the state: a broken invariant on replay (an overpaid
/// invoice, an overspent budget, unbalanced postings, a version gap), named with its stream,
/// version and type.
public struct ReplayError: Error, Equatable, Sendable, CustomStringConvertible {
    public let streamId: String
    public let streamVersion: Int64
    public let eventType: String
    public let message: String

    public init(streamId: String, streamVersion: Int64, eventType: String, message: String) {
        self.streamId = streamId
        self.streamVersion = streamVersion
        self.eventType = eventType
        self.message = message
    }

    public var description: String { "\(streamId)@\(streamVersion) \(eventType): \(message)" }
}
