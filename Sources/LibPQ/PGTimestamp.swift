/// A `timestamptz` as microseconds since the Unix epoch, UTC.
public struct PGTimestamp: Hashable, Comparable, Sendable {
    public var microsecondsSinceUnixEpoch: Int64
    public init(microsecondsSinceUnixEpoch: Int64) { self.microsecondsSinceUnixEpoch = microsecondsSinceUnixEpoch }
    public static func < (a: Self, b: Self) -> Bool { a.microsecondsSinceUnixEpoch < b.microsecondsSinceUnixEpoch }

    /// PostgreSQL's binary timestamps count from 2000-01-01 00:00:00 UTC.
    static let postgresEpochOffsetMicroseconds: Int64 = 946_684_800 * 1_000_000
}
