/// One command's events, appended atomically with an expected version per stream written.
public struct AppendRequest: Sendable {
    public var commandId: String
    public var requestHash: [UInt8]
    public var expectations: [String: ExpectedVersion]
    public var events: [NewEvent]

    public init(commandId: String, requestHash: [UInt8], expectations: [String: ExpectedVersion], events: [NewEvent]) {
        self.commandId = commandId
        self.requestHash = requestHash
        self.expectations = expectations
        self.events = events
    }

    func checkShape() {
        precondition(!events.isEmpty, "a command appends at least one event")
        precondition(commandId.utf8.count >= 1 && commandId.utf8.count <= 128, "command id length")
        for e in events { precondition(expectations[e.streamId] != nil, "event stream \(e.streamId) has no expectation") }
    }
}
