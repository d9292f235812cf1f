public struct JSONNumber: Sendable, Equatable {
    /// The number exactly as written.
    public let text: String
    /// The value when `text` is an integer (no fraction, no exponent) within `Int64`.
    public let int64: Int64?
}
