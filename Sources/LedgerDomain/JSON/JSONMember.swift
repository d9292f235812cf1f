public struct JSONMember: Sendable, Equatable {
    public let key: String
    public let value: JSONValue
    /// Byte offset of the key's opening quote in the parsed input.
    public let offset: Int
}
