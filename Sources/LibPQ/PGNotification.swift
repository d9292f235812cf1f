public struct PGNotification: Sendable, Equatable {
    public var channel: String
    public var payload: String
    public var senderProcessID: Int32
}
