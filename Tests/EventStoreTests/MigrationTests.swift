import EventStore
import LibPQ
import TestSupport
import Testing

@Suite("Migrations") struct MigrationTests {
    @Test("migrating twice is a no-op; status shows every migration applied")
    func migratingTwiceIsANoOp() throws {
        try TestDatabase.withEmpty { url in
            let c = try PGConnection(url)
            let m = try Migrator(directory: TestDatabase.schemaDirectory)
            #expect(try m.status(c).allSatisfy { $0.state == .pending })
            let first = try m.migrate(c)
            #expect(first.count == m.migrations.count && !first.isEmpty)
            #expect(try m.migrate(c).isEmpty)
            #expect(try m.status(c).allSatisfy { $0.state == .applied })
        }
    }

    @Test("an applied migration that was edited is refused, naming it")
    func editedAppliedMigrationIsRefusedByName() throws {
        try TestDatabase.withEmpty { url in
            let c = try PGConnection(url)
            let m = try Migrator(directory: TestDatabase.schemaDirectory)
            try m.migrate(c)
            var edited = m.migrations
            edited[1].sql += "\n-- edited"
            edited[1].checksum[0] ^= 1
            let m2 = Migrator(migrations: edited)
            do { try m2.migrate(c); Issue.record("expected refusal") } catch let e as Migrator.EditedMigrationError {
                #expect(e.name == edited[1].name)
                #expect(e.description.contains("edited after it was applied"))
            }
            #expect(try m2.status(c)[1].state == .edited)
        }
    }

    @Test("a migration that fails is rolled back whole and not recorded")
    func failingMigrationRollsBack() throws {
        try TestDatabase.withEmpty { url in
            let c = try PGConnection(url)
            let bad = Migrator.Migration(version: 1, name: "001_bad", sql: "CREATE TABLE x (a int); SELECT 1/0;", checksum: [1])
            #expect(throws: (any Error).self) { try Migrator(migrations: [bad]).migrate(c) }
            #expect(try c.execute("SELECT to_regclass('x') IS NULL").bool(0, 0))
            #expect(try c.execute("SELECT count(*) FROM tradeledger_migrations").int64(0, 0) == 0)
        }
    }
}
