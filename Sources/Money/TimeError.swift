/// A date or time that could not be parsed, with what was wrong (the caller adds field and value).
public struct TimeError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
