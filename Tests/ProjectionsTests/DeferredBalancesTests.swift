import EventStore
import LibPQ
@testable import Projections
import TestSupport
import Testing

/// A rebuild's running balances are kept in memory and written once, at the switch
/// (`DeferredBalances`); its pages write only the balances journal.
@Suite("Rebuild: running balances written at the switch") struct DeferredBalancesTests {
    static func balanceRows(_ c: PGConnection, generation: Int64) throws -> [String] {
        let r = try c.execute("""
            SELECT format('%s|%s|%s|%s', account, currency, debits_minor, credits_minor) FROM proj.balances
             WHERE ledger_id = 'main' AND generation = $1 ORDER BY account COLLATE "C", currency COLLATE "C"
            """, [.int8(generation)])
        return try (0..<r.rowCount).map { try r.string($0, 0) }
    }

    static func rebuildGeneration(_ c: PGConnection) throws -> Int64 {
        try c.execute("SELECT generation FROM proj.rebuilds WHERE ledger_id = 'main' AND projection = 'balances'").int64(0, 0)
    }

    @Test("mid-rebuild the new generation has its journal and no running balances; after the switch they equal the live ones")
    func writtenAtTheSwitch() throws {
        try TestDatabase.with { url in
            let store = try projectedScenario(url, invoices: 80, seed: 29)
            let live = try Self.balanceRows(store.connection, generation: JournalTests.liveGeneration(store.connection))
            #expect(live.count > 5)
            var pages = 0
            let writer = try TestDatabase.openStore(url)
            let paused = try ProjectionRebuilder(store: store, writer: writer, pageRows: 17).rebuild(ProjectionName.allCases) { _, _ in
                pages += 1
                return pages < 4
            }
            #expect(paused.allSatisfy { !$0.switched })
            let generation = try Self.rebuildGeneration(store.connection)
            #expect(try store.connection.execute("SELECT count(*) FROM proj.journal WHERE generation = $1", [.int8(generation)]).int64(0, 0) > 0)
            #expect(try Self.balanceRows(store.connection, generation: generation).isEmpty)

            // Resumed, the sums are unknown to this process: they come from the journal.
            let reports = try ProjectionRebuilder(store: store, writer: writer, pageRows: 17).rebuild(ProjectionName.allCases)
            #expect(reports.allSatisfy { $0.switched && $0.resumed && $0.fingerprint == $0.previousFingerprint })
            #expect(try Self.balanceRows(store.connection, generation: generation) == live)
            _ = try ProjectionVerifier(store: store).run()
        }
    }

    @Test("the sums kept in memory and the sums of the journal write the same rows, the live projection's")
    func memoryAndJournalAgree() throws {
        try TestDatabase.with { url in
            let store = try projectedScenario(url, invoices: 70, seed: 31)
            let liveGeneration = try JournalTests.liveGeneration(store.connection)
            let live = try Self.balanceRows(store.connection, generation: liveGeneration)
            let head = try store.head().seq

            // Fold the log page by page into sums, as a rebuild does.
            let deferred = DeferredBalances(progress: 0)
            var after: Int64 = 0
            while true {
                let page = try store.readPage(afterSeq: after, limit: 23)
                guard let last = page.last else { break }
                let delta = try PageApplier.fold(BalancesProjection.self, page, try PageApplier.decodePage(page), after: after)
                try deferred.add(delta, from: after, to: last.seq)
                after = last.seq
            }
            #expect(deferred.known && deferred.through == head)
            try deferred.write(store.connection, ledger: "main", generation: 900_001, progress: head)
            // Sums from the live generation's journal, into another generation.
            try store.connection.execute("""
                INSERT INTO proj.journal SELECT ledger_id, 900002, seq, effective_at, accounts, currencies, amounts
                  FROM proj.journal WHERE ledger_id = 'main' AND generation = $1
                """, [.int8(liveGeneration)])
            try DeferredBalances.unknown.write(store.connection, ledger: "main", generation: 900_002, progress: head)
            #expect(try Self.balanceRows(store.connection, generation: 900_001) == live)
            #expect(try Self.balanceRows(store.connection, generation: 900_002) == live)

            // Sums known through another seq than the progress row's are not used.
            try store.connection.execute("DELETE FROM proj.journal WHERE generation = 900002")
            try deferred.write(store.connection, ledger: "main", generation: 900_002, progress: head - 1)
            #expect(try Self.balanceRows(store.connection, generation: 900_002).isEmpty)
        }
    }

    @Test("a page that does not start where the sums end makes them unknown; a sum past 64 bits is an error naming the account")
    func gapsAndOverflow() throws {
        var delta = BalancesProjection(keepJournal: false)
        delta.balances[.init(account: "merchant/M1/payable", currency: "HKD")] = .init(debits: Int64.max - 5, credits: 0)
        let deferred = DeferredBalances(progress: 0)
        try deferred.add(delta, from: 0, to: 10)
        #expect(deferred.known && deferred.through == 10)
        do {
            try deferred.add(delta, from: 10, to: 20)
            Issue.record("an overflowing sum was accepted")
        } catch let e as ProjectionError {
            #expect(e.description.contains("merchant/M1/payable") && e.description.contains("HKD"), "\(e)")
        }
        let gap = DeferredBalances(progress: 0)
        try gap.add(BalancesProjection(keepJournal: false), from: 0, to: 10)
        try gap.add(BalancesProjection(keepJournal: false), from: 15, to: 20)
        #expect(!gap.known)
        #expect(!DeferredBalances(progress: 7).known)  // a resumed rebuild
    }
}
