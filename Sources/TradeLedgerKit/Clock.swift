import Foundation
import Money

/// The two clocks the application reads: wall time (business time defaults, "today") and a
/// monotonic one for durations and rates.
public enum Clock {
    public static func now() -> Timestamp {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Timestamp(microsecondsSinceEpoch: Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1_000)
    }

    public static func today() -> CalendarDay {
        CalendarDay(daysSinceEpoch: now().microsecondsSinceEpoch / CalendarDay.microsecondsPerDay)
    }

    /// Seconds on the monotonic clock (only differences mean anything).
    public static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
