import Foundation
import Money

/// The machine's monotonic clock, for durations and rates only. Business time (a command's
/// default `at`, "today", an exception's age, a match's or a resolution's time, a report's
/// as-of) is the database's clock, `DatabaseClock`, so that every writer and reader agrees
/// whatever the machines' clocks say; the machine's wall clock is deliberately not offered here.
public enum Clock {
    /// Seconds on the monotonic clock (only differences mean anything).
    public static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
