import LibPQ
import Money

/// The database's clock: what business time is measured against (`submit`'s future skew, a
/// command's default `at`, `period close`, an exception's age), so that every writer and reader
/// uses one clock whatever the machines' clocks say.
public enum DatabaseClock {
    /// `clock_timestamp()`: the server's wall clock now (not the start of a transaction).
    public static func now(_ connection: PGConnection) throws -> Timestamp {
        let r = try connection.execute("SELECT clock_timestamp()")
        return Timestamp(microsecondsSinceEpoch: try r.timestamp(0, 0).microsecondsSinceUnixEpoch)
    }

    /// The UTC day `now` falls on: "today" for business dates (an exception's age), in the
    /// UTC days that period close and the decisions count.
    public static func today(_ connection: PGConnection) throws -> CalendarDay {
        try now(connection).calendarDay
    }
}
