import LibPQ
import TestSupport
import Testing

/// Every session pins how the server writes dates, times and intervals as text, whatever the
/// server's, database's or role's defaults (fingerprints and queries format them as text).
@Suite("LibPQ session settings") struct SessionSettingsTests {
    /// Gives the database `url` other defaults for every new session.
    static func foreignDefaults(_ url: String) throws {
        try PGConnection(url).executeScript("""
            DO $$ BEGIN
              EXECUTE format('ALTER DATABASE %I SET DateStyle = %L', current_database(), 'SQL, DMY');
              EXECUTE format('ALTER DATABASE %I SET TimeZone = %L', current_database(), 'Asia/Hong_Kong');
              EXECUTE format('ALTER DATABASE %I SET IntervalStyle = %L', current_database(), 'postgres_verbose');
            END $$
            """)
    }

    @Test("DateStyle, TimeZone and IntervalStyle are pinned on a database whose defaults differ")
    func sessionSettingsArePinnedWhateverTheDatabaseDefaults() throws {
        try TestDatabase.with { url in
            try Self.foreignDefaults(url)
            let c = try PGConnection(url)
            let r = try c.execute("""
                SELECT current_setting('DateStyle'), current_setting('TimeZone'), current_setting('IntervalStyle'),
                       date '2026-05-10'::text, timestamptz '2026-05-15 01:00:00+00'::text, interval '1 day 2 hours'::text
                """, resultFormat: .text)
            #expect(try r.string(0, 0) == "ISO, YMD")
            #expect(try r.string(0, 1) == "UTC")
            #expect(try r.string(0, 2) == "iso_8601")
            #expect(try r.string(0, 3) == "2026-05-10")
            #expect(try r.string(0, 4) == "2026-05-15 01:00:00+00")
            #expect(try r.string(0, 5) == "P1DT2H")
        }
    }
}
