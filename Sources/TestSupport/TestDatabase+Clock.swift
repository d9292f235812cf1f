import LibPQ

/// Moving the database clock (`DatabaseClock`, `clock_timestamp()`) of a test database, for the
/// tests of what follows it rather than the machine's clock.
///
/// Sessions opened afterwards (the CLI's too) find `clock_timestamp()` in the schema
/// `tl_test_clock` first: the database's search_path puts it before pg_catalog, where the real
/// one is, and it answers the pinned instant. Sessions already open keep the real clock. The
/// ledger's own functions (`ledger.append` and the bulk ones) pin their search_path to
/// pg_catalog, so what they record keeps the real clock whatever this says.
extension TestDatabase {
    /// Pins the clock of the database at `url` to `rfc3339` (a time with offset) for new sessions.
    public static func pinClock(_ url: String, at rfc3339: String) throws {
        let c = try PGConnection(url)
        try c.executeScript("""
            CREATE SCHEMA IF NOT EXISTS tl_test_clock;
            CREATE TABLE IF NOT EXISTS tl_test_clock.pinned (only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row), at timestamptz NOT NULL);
            CREATE OR REPLACE FUNCTION tl_test_clock.clock_timestamp() RETURNS timestamptz
              LANGUAGE sql STABLE AS $fn$ SELECT at FROM tl_test_clock.pinned $fn$;
            GRANT USAGE ON SCHEMA tl_test_clock TO PUBLIC;
            GRANT SELECT ON tl_test_clock.pinned TO PUBLIC;
            DO $do$ BEGIN
              EXECUTE format('ALTER DATABASE %I SET search_path = tl_test_clock, pg_catalog, "$user", public', current_database());
            END $do$;
            """)
        try c.execute("INSERT INTO tl_test_clock.pinned (at) VALUES ($1::text::timestamptz) ON CONFLICT (only_row) DO UPDATE SET at = excluded.at",
                      [.text(rfc3339)])
    }
}
