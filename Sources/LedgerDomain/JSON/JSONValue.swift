/// A parsed JSON document. Objects keep their members in document order (with the byte offset
/// of each key, for messages); numbers keep their text, with the `Int64` value when the number
/// is an integer that fits.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])
}
