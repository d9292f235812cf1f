import EventStore
import LibPQ
@testable import Projections
import TestSupport
import Testing

/// A rebuild with a second writer (`ProjectionRebuilder.writer`): the balances rows of each
/// page are written on that connection, in a transaction of their own, beside the other
/// projections' on the store's.
@Suite("Rebuild with a second writer") struct RebuildWriterTests {
    static func prepared(_ url: String, invoices: Int) throws -> EventStore {
        try projectedScenario(url, invoices: invoices, seed: 17)
    }

    static func progress(_ store: EventStore) throws -> [String: Int64] {
        let r = try store.connection.execute("SELECT projection, last_seq FROM proj.rebuilds WHERE ledger_id = 'main'")
        return Dictionary(uniqueKeysWithValues: try (0..<r.rowCount).map { (try r.string($0, 0), try r.int64($0, 1)) })
    }

    /// The live journal holds every event that posts once, as the log has it, and one generation
    /// of each table is left.
    static func expectOneCleanGeneration(_ store: EventStore) throws {
        #expect(try JournalTests.stored(store.connection, generation: JournalTests.liveGeneration(store.connection))
                == JournalTests.expected(store))
        for table in ["proj.journal", "proj.balances", "proj.invoices", "proj.invoice_journal", "proj.subsidy_programs"] {
            #expect(try store.connection.execute("SELECT count(DISTINCT generation) FROM \(table)").int64(0, 0) == 1, "\(table)")
        }
    }

    @Test("it builds what a rebuild on one connection builds, and deletes the old generations")
    func sameAsOneConnection() throws {
        try TestDatabase.with { url in
            let store = try Self.prepared(url, invoices: 120)
            let verified = try ProjectionVerifier(store: store).run()
            let reports = try ProjectionRebuilder(store: store, writer: try TestDatabase.openStore(url), pageRows: 13)
                .rebuild(ProjectionName.allCases)
            for r in reports {
                #expect(r.switched && r.fingerprint == r.previousFingerprint && r.fingerprint == verified.fingerprints[r.projection],
                        "\(r.projection)")
            }
            _ = try ProjectionVerifier(store: store).run()  // throws if the journals disagree with the tables
            try Self.expectOneCleanGeneration(store)
        }
    }

    @Test("when the writer's connection is lost mid-rebuild, the others stand a page ahead, and the next rebuild brings them level and matches")
    func writerLostThenResumed() throws {
        try TestDatabase.with { url in
            let store = try Self.prepared(url, invoices: 120)
            let writer = try TestDatabase.openStore(url)
            let writerPid = try writer.connection.execute("SELECT pg_backend_pid()").int64(0, 0)
            let admin = try PGConnection(url)
            var pages = 0
            do {
                _ = try ProjectionRebuilder(store: store, writer: writer, pageRows: 13).rebuild(ProjectionName.allCases) { _, _ in
                    pages += 1
                    if pages == 3 { _ = try? admin.execute("SELECT pg_terminate_backend($1::int, 5000)", [.int8(writerPid)]) }
                    return true
                }
                Issue.record("the rebuild went on without its writer")
            } catch {}
            #expect(pages == 3)
            // The fourth page: the store's connection committed the other projections' rows
            // and progress; the writer's transaction, with the balances rows, never happened.
            let stood = try Self.progress(store)
            #expect(stood["balances"] == 3 * 13 && stood["invoices"] == 4 * 13 && stood["subsidies"] == 4 * 13, "\(stood)")

            let reports = try ProjectionRebuilder(store: store, writer: try TestDatabase.openStore(url), pageRows: 13)
                .rebuild(ProjectionName.allCases)
            for r in reports { #expect(r.resumed && r.switched && r.fingerprint == r.previousFingerprint, "\(r.projection)") }
            #expect(try Self.progress(store).isEmpty)
            _ = try ProjectionVerifier(store: store).run()
            try Self.expectOneCleanGeneration(store)
        }
    }

    @Test("two rebuilds with writers, started together, build every event into the live generation exactly once")
    func twoTogether() throws {
        try TestDatabase.with { url in
            let store = try Self.prepared(url, invoices: 150)
            let errors = LockedBox<[String]>([])
            let reports = LockedBox<[ProjectionRebuilder.Report]>([])
            concurrently(2) { _ in
                do {
                    let r = try ProjectionRebuilder(store: try TestDatabase.openStore(url), writer: try TestDatabase.openStore(url), pageRows: 13)
                        .rebuild(ProjectionName.allCases)
                    reports.mutate { $0.append(contentsOf: r) }
                } catch { errors.mutate { $0.append("\(error)") } }
            }
            // The one that loses the race to a switch stops on the progress row the winner deleted.
            #expect(errors.value.count <= 1 && errors.value.allSatisfy { $0.hasPrefix("another rebuild of ") }, "\(errors.value)")
            #expect(reports.value.contains { $0.switched })
            let head = try store.head().seq
            for s in try ProjectionRunner(store: store).status() { #expect(s.checkpointSeq == head && s.rebuildingToSeq == nil) }
            _ = try ProjectionVerifier(store: store).run()
            try Self.expectOneCleanGeneration(store)
        }
    }
}
