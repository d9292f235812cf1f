/// An instant: microseconds since 1970-01-01T00:00:00Z (UTC). Written as RFC 3339; parsing needs
/// an explicit offset ("Z" or ±HH:MM), output is always UTC with "Z".
public struct Timestamp: Hashable, Sendable, Comparable {
    public static let microsecondsPerSecond: Int64 = 1_000_000
    public static let epoch = Timestamp(microsecondsSinceEpoch: 0)

    public let microsecondsSinceEpoch: Int64

    public init(microsecondsSinceEpoch: Int64) {
        self.microsecondsSinceEpoch = microsecondsSinceEpoch
    }

    public init(secondsSinceEpoch: Int64) {
        self.microsecondsSinceEpoch = secondsSinceEpoch * Timestamp.microsecondsPerSecond
    }

    public func adding(microseconds: Int64) -> Timestamp {
        Timestamp(microsecondsSinceEpoch: microsecondsSinceEpoch + microseconds)
    }

    public func adding(seconds: Int64) -> Timestamp { adding(microseconds: seconds * Timestamp.microsecondsPerSecond) }

    /// The UTC day this instant falls on.
    public var calendarDay: CalendarDay {
        let days = floorDivide(microsecondsSinceEpoch, CalendarDay.microsecondsPerDay)
        return CalendarDay(daysSinceEpoch: days)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.microsecondsSinceEpoch < rhs.microsecondsSinceEpoch
    }
}

@inline(__always)
func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
    let quotient = value / divisor
    return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
}

extension Timestamp: CustomStringConvertible {
    public var description: String { rfc3339 }
}
