import LibPQ
import TestSupport
import Testing

@Suite("LibPQ transactions and pipelines") struct TransactionPipelineTests {
    struct Boom: Error {}

    @Test("a transaction whose body throws is rolled back and the error rethrown")
    func transactionWhoseBodyThrowsIsRolledBackAndRethrows() throws {
        try TestDatabase.with { url in
            let c = try PGConnection(url)
            try c.executeScript("CREATE TABLE t (v int)")
            #expect(throws: Boom.self) {
                try c.withTransaction { c in
                    try c.execute("INSERT INTO t VALUES (1)")
                    throw Boom()
                }
            }
            #expect(!c.inTransaction)
            #expect(try c.execute("SELECT count(*) FROM t").int64(0, 0) == 0)
            try c.withTransaction { c in try c.execute("INSERT INTO t VALUES (2)") }
            #expect(try c.execute("SELECT count(*) FROM t").int64(0, 0) == 1)
        }
    }

    @Test("a failed statement inside a transaction aborts it; COMMIT failure names the step")
    func failedStatementAbortsTheTransactionAndCommitNamesTheStep() throws {
        try TestDatabase.with { url in
            let c = try PGConnection(url)
            try c.executeScript("CREATE TABLE t (v int PRIMARY KEY)")
            do {
                try c.withTransaction { c in
                    try c.execute("INSERT INTO t VALUES (1)")
                    _ = try? c.execute("INSERT INTO t VALUES (1)")  // swallowed: transaction now aborted
                }
                Issue.record("expected commit failure")
            } catch let e as PGTransactionError {
                #expect(e.step == .commit)
            }
            #expect(try c.execute("SELECT count(*) FROM t").int64(0, 0) == 0)
        }
    }

    @Test("pipeline: an error aborts the rest of its segment; the next segment runs")
    func pipelineErrorAbortsTheRestOfItsSegmentOnly() throws {
        try TestDatabase.with { url in
            let c = try PGConnection(url)
            try c.executeScript("CREATE TABLE t (v int PRIMARY KEY)")
            let outcomes = try c.pipeline { p in
                p.execute("INSERT INTO t VALUES ($1)", [.int4(1)])
                p.execute("INSERT INTO t VALUES ($1)", [.int4(1)])  // unique violation
                p.execute("INSERT INTO t VALUES ($1)", [.int4(2)])  // aborted
                p.sync()
                p.execute("INSERT INTO t VALUES ($1)", [.int4(3)])
                p.execute("SELECT count(*) FROM t")
            }
            #expect(outcomes.count == 5)
            guard case .ok = outcomes[0] else { Issue.record("first should succeed"); return }
            guard case .failed(let e) = outcomes[1] else { Issue.record("second should fail"); return }
            #expect(e.isUniqueViolation)
            guard case .aborted = outcomes[2] else { Issue.record("third should be aborted"); return }
            // The failed segment was one implicit transaction: row 1 was rolled back too.
            #expect(try outcomes[4].result?.int64(0, 0) == 1)
            #expect(try c.execute("SELECT array_agg(v ORDER BY v)::int4[] FROM t").value(0, 0) == .int4Array([3]))
            // The connection is usable normally afterwards.
            #expect(try c.execute("SELECT 7::int8").int64(0, 0) == 7)
        }
    }
}
