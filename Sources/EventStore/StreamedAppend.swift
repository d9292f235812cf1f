/// One command for `EventStore.appendStreamedInOpenTransaction`: what `ledger.bulk_prepare`
/// needs before the first row is staged (the streams with their expectations and how many events
/// each gets), without the events themselves, which the caller produces one at a time.
public struct StreamedAppend: Sendable {
    public var commandId: String
    public var requestHash: [UInt8]
    public var expectations: [String: ExpectedVersion]
    /// Events per stream; a stream missing here gets none (its expectation is a check only).
    public var eventCounts: [String: Int64]

    public init(commandId: String, requestHash: [UInt8], expectations: [String: ExpectedVersion], eventCounts: [String: Int64]) {
        self.commandId = commandId
        self.requestHash = requestHash
        self.expectations = expectations
        self.eventCounts = eventCounts
    }

    /// Total events of the command.
    public var eventCount: Int64 { eventCounts.values.reduce(0, +) }

    func checkShape() {
        precondition(eventCount > 0, "a command appends at least one event")
        precondition(commandId.utf8.count >= 1 && commandId.utf8.count <= 128, "command id length")
        for (s, n) in eventCounts {
            precondition(n >= 0, "a negative event count")
            precondition(expectations[s] != nil, "event stream \(s) has no expectation")
        }
    }
}
