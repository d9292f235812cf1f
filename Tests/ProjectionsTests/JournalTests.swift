import EventStore
import LedgerDomain
import Money
import LibPQ
@testable import Projections
import TestSupport
import Testing

/// The balances journal (schema/016): one row per event that posts, its postings as arrays in
/// posting order, with the event's business time.
@Suite("Balances journal, one row per event") struct JournalTests {
    /// The journal rows of `generation`, one line per row: seq, effective_at in microseconds,
    /// then each posting as account|currency|amount, in array order.
    static func stored(_ c: PGConnection, generation: Int64) throws -> [String] {
        let r = try c.execute("""
            SELECT format('%s@%s:%s', seq, (extract(epoch FROM effective_at) * 1000000)::int8,
                          (SELECT string_agg(format('%s|%s|%s', a, cur, amt), ',' ORDER BY o)
                             FROM unnest(accounts, currencies, amounts) WITH ORDINALITY AS p(a, cur, amt, o)))
              FROM proj.journal WHERE ledger_id = 'main' AND generation = $1 ORDER BY seq
            """, [.int8(generation)])
        return try (0..<r.rowCount).map { try r.string($0, 0) }
    }

    /// The same lines from the log itself: every event with postings, in seq order.
    static func expected(_ store: EventStore) throws -> [String] {
        var lines: [String] = []
        var after: Int64 = 0
        while true {
            let page = try store.readPage(afterSeq: after, limit: 500)
            guard let last = page.last else { return lines }
            for (recorded, event) in zip(page, try PageApplier.decodePage(page)) where !event.postings.isEmpty {
                lines.append("\(recorded.seq)@\(event.effectiveAt.microsecondsSinceEpoch):"
                             + event.postings.map { "\($0.account)|\($0.currency.code)|\($0.amountMinor)" }.joined(separator: ","))
            }
            after = last.seq
        }
    }

    static func liveGeneration(_ c: PGConnection) throws -> Int64 {
        try c.execute("SELECT generation FROM proj.generations WHERE ledger_id = 'main' AND projection = 'balances'").int64(0, 0)
    }

    @Test("the runner and a rebuild on two connections write one row per event that posts, postings in order, as the log has them")
    func oneRowPerEvent() throws {
        try TestDatabase.with { url in
            try submit(url, Scenario.lines(invoices: 60, seed: 23).joined(separator: "\n"))
            let store = try TestDatabase.openStore(url)
            try ProjectionRunner(store: store, pageRows: 17).catchUp(ProjectionName.allCases)
            let want = try Self.expected(store)
            let postings = want.reduce(0) { $0 + $1.split(separator: ",").count }
            #expect(want.count > 100 && postings > 2 * want.count, "the scenario posts \(postings) postings in \(want.count) events")
            #expect(try Self.stored(store.connection, generation: Self.liveGeneration(store.connection)) == want)

            _ = try ProjectionRebuilder(store: store, writer: try TestDatabase.openStore(url), pageRows: 13).rebuild(ProjectionName.allCases)
            #expect(try Self.stored(store.connection, generation: Self.liveGeneration(store.connection)) == want)
            _ = try ProjectionVerifier(store: store).run()  // throws if the journal disagrees with the running balances
        }
    }

    @Test("a row whose arrays differ in length is refused by the table")
    func arraysOfOneLength() throws {
        try TestDatabase.with { url in
            let c = try PGConnection(url)
            #expect(throws: PGError.self) {
                try c.execute("""
                    INSERT INTO proj.journal VALUES ('main', 1, 1, now(), '{a,b}', '{HKD}', '{5,-5}')
                    """)
            }
            #expect(throws: PGError.self) {
                try c.execute("INSERT INTO proj.journal VALUES ('main', 1, 1, now(), '{}', '{}', '{}')")
            }
        }
    }

    @Test("migration 016 carries every generation's journal over, postings in posting order; as-of balances sum them")
    func migrationCarriesTheJournalOver() throws {
        try TestDatabase.withEmpty { url in
            let c = try PGConnection(url)
            let all = try Migrator(directory: TestDatabase.schemaDirectory)
            let before016 = all.migrations.filter { $0.version < 16 }
            #expect(all.migrations.contains { $0.version == 16 })
            try Migrator(migrations: before016).migrate(c)
            // Generation 7 is live, 8 a rebuild in progress; rows inserted out of posting order.
            try c.executeScript("""
                INSERT INTO proj.generations (ledger_id, projection, generation) VALUES ('main', 'balances', 7);
                INSERT INTO proj.journal (ledger_id, generation, seq, posting_no, account, currency, amount_minor, effective_at) VALUES
                  ('main', 7, 3, 1, 'merchant/M1/payable', 'HKD', -1000, '2026-05-02T00:00:00Z'),
                  ('main', 7, 3, 0, 'clearing/visa', 'HKD', 1000, '2026-05-02T00:00:00Z'),
                  ('main', 7, 5, 2, 'fx/position', 'USD', -128, '2026-05-09T00:00:00Z'),
                  ('main', 7, 5, 0, 'merchant/M1/payable', 'HKD', 1000, '2026-05-09T00:00:00Z'),
                  ('main', 7, 5, 1, 'fx/position', 'HKD', -1000, '2026-05-09T00:00:00Z'),
                  ('main', 7, 5, 3, 'bank/usd', 'USD', 128, '2026-05-09T00:00:00Z'),
                  ('main', 8, 3, 0, 'clearing/visa', 'HKD', 1000, '2026-05-02T00:00:00Z'),
                  ('main', 8, 3, 1, 'merchant/M1/payable', 'HKD', -1000, '2026-05-02T00:00:00Z'),
                  ('other', 7, 3, 0, 'clearing/visa', 'TWD', 4, '2026-05-02T00:00:00Z'),
                  ('other', 7, 3, 1, 'merchant/M9/payable', 'TWD', -4, '2026-05-02T00:00:00Z');
                """)
            #expect(try Migrator(migrations: all.migrations.filter { $0.version <= 16 }).migrate(c) == ["016_journal_per_event"])
            let t2: Int64 = 1_778_284_800_000_000, t1: Int64 = 1_777_680_000_000_000  // 2026-05-09, 2026-05-02
            #expect(try Self.stored(c, generation: 7) == [
                "3@\(t1):clearing/visa|HKD|1000,merchant/M1/payable|HKD|-1000",
                "5@\(t2):merchant/M1/payable|HKD|1000,fx/position|HKD|-1000,fx/position|USD|-128,bank/usd|USD|128",
            ])
            #expect(try Self.stored(c, generation: 8) == ["3@\(t1):clearing/visa|HKD|1000,merchant/M1/payable|HKD|-1000"])
            #expect(try c.execute("SELECT count(*) FROM proj.journal WHERE ledger_id = 'other'").int64(0, 0) == 1)
            // As of each date, the live generation's postings summed (debits, credits).
            func asOf(_ micros: Int64) throws -> [String] {
                try ProjectionQueries(connection: c, ledgerId: "main").balances(asOf: Timestamp(microsecondsSinceEpoch: micros))
                    .map { "\($0.account) \($0.debits.currency.code) \($0.debits.minorUnits) \($0.credits.minorUnits)" }
            }
            #expect(try asOf(t1) == ["clearing/visa HKD 1000 0", "merchant/M1/payable HKD 0 1000"])
            #expect(try asOf(t2) == ["bank/usd USD 128 0", "clearing/visa HKD 1000 0", "fx/position HKD 0 1000", "fx/position USD 0 128",
                                            "merchant/M1/payable HKD 1000 1000"])
            #expect(try c.execute("SELECT to_regclass('proj.journal_per_posting') IS NULL").bool(0, 0))
            // The application role may write it, the report role read it.
            #expect(try c.execute("SELECT has_table_privilege('tradeledger_app', 'proj.journal', 'INSERT, DELETE')").bool(0, 0))
            #expect(try c.execute("SELECT has_table_privilege('tradeledger_report', 'proj.journal', 'SELECT')").bool(0, 0))
        }
    }
}
