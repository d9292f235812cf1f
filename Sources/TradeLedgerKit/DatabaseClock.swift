import LibPQ
import Money

/// The database's clock: what business time is measured against (`submit`'s future skew, a
/// command's default `at`, `period close`), so that every writer uses one clock whatever the
/// machines' clocks say.
public enum DatabaseClock {
    /// `clock_timestamp()`: the server's wall clock now (not the start of a transaction).
    public static func now(_ connection: PGConnection) throws -> Timestamp {
        let r = try connection.execute("SELECT clock_timestamp()")
        return Timestamp(microsecondsSinceEpoch: try r.timestamp(0, 0).microsecondsSinceUnixEpoch)
    }
}
