/// A stored event body that cannot be read: which event type and version, and what is wrong.
public struct EventDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    public let eventType: String
    public let schemaVersion: Int
    public let message: String

    public init(eventType: String, schemaVersion: Int, message: String) {
        self.eventType = eventType
        self.schemaVersion = schemaVersion
        self.message = message
    }

    public var description: String { "\(eventType) v\(schemaVersion): \(message)" }
}
