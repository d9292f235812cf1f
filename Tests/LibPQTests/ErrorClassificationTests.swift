import Foundation
import LibPQ
import TestSupport
import Testing

@Suite("LibPQ errors") struct ErrorClassificationTests {
    @Test("a unique violation carries SQLSTATE 23505 and the constraint name, and its description no row values")
    func uniqueViolationCarries23505AndTheConstraintButNoRowValues() throws {
        try TestDatabase.with { url in
            let c = try PGConnection(url)
            try c.executeScript("CREATE TABLE t (id bigint CONSTRAINT t_pk PRIMARY KEY, note text CHECK (note <> 'x'))")
            try c.execute("INSERT INTO t VALUES (4111111111111111, 'a')")
            do {
                try c.execute("INSERT INTO t VALUES ($1, 'b')", [.int8(4111111111111111)])
                Issue.record("expected a unique violation")
            } catch let error as PGError {
                #expect(error.detail?.contains("4111111111111111") == true, "the server echoed the row")
                #expect(!error.description.contains("4111111111111111"), "\(error.description)")
            }
            do {
                try c.execute("INSERT INTO t VALUES ($1, 'x')", [.int8(4111111111111112)])
                Issue.record("expected a check violation")
            } catch let error as PGError {
                #expect(error.detail?.contains("4111111111111112") == true, "the server echoed the row")
                #expect(!error.description.contains("4111111111111112"), "\(error.description)")
            }
            try c.execute("INSERT INTO t VALUES (1, 'a')")
            do {
                try c.execute("INSERT INTO t VALUES ($1, 'a')", [.int4(1)])
                Issue.record("expected a unique violation")
            } catch let error as PGError {
                #expect(error.isUniqueViolation)
                #expect(error.constraint == "t_pk")
                #expect(error.detail?.contains("already exists") == true)
                #expect(!error.description.contains("VALUES ($1)") || error.description.contains("INSERT"))
            }
        }
    }

    @Test("serialization failure (40001) under SERIALIZABLE write skew")
    func writeSkewUnderSerializableIsClassifiedAs40001() throws {
        try TestDatabase.with { url in
            let a = try PGConnection(url), b = try PGConnection(url)
            try a.executeScript("CREATE TABLE doctors (name text PRIMARY KEY, on_call bool); INSERT INTO doctors VALUES ('x', true), ('y', true)")
            try a.executeScript("BEGIN ISOLATION LEVEL SERIALIZABLE")
            try b.executeScript("BEGIN ISOLATION LEVEL SERIALIZABLE")
            _ = try a.execute("SELECT count(*) FROM doctors WHERE on_call")
            _ = try b.execute("SELECT count(*) FROM doctors WHERE on_call")
            try a.execute("UPDATE doctors SET on_call = false WHERE name = 'x'")
            try b.execute("UPDATE doctors SET on_call = false WHERE name = 'y'")
            try a.executeScript("COMMIT")
            var caught: PGError?
            do { try b.executeScript("COMMIT") } catch let e as PGError { caught = e }
            #expect(caught?.isSerializationFailure == true, "got \(String(describing: caught))")
            #expect(caught?.isTransient == true)
        }
    }

    @Test("lock timeout (55P03) when a row stays locked")
    func lockedRowIsClassifiedAsLockTimeout55P03() throws {
        try TestDatabase.with { url in
            var settings = PGConnection.SessionSettings()
            settings.lockTimeoutMilliseconds = 100
            let a = try PGConnection(url), b = try PGConnection(url, settings: settings)
            try a.executeScript("CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1)")
            try a.executeScript("BEGIN; SELECT * FROM t FOR UPDATE")
            do { try b.execute("SELECT * FROM t FOR UPDATE"); Issue.record("expected lock timeout") } catch let error as PGError {
                #expect(error.isLockTimeout)
            }
            try a.executeScript("ROLLBACK")
        }
    }

    @Test("deadlock (40P01) between two connections locking in opposite order")
    func locksInOppositeOrderAreClassifiedAsDeadlock40P01() throws {
        try TestDatabase.with { url in
            let setup = try PGConnection(url)
            try setup.executeScript("CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1), (2)")
            let errors = LockedBox<[PGError]>([])
            let group = DispatchGroup()
            for (first, second) in [(1, 2), (2, 1)] {
                group.enter()
                Thread.detachNewThread {
                    defer { group.leave() }
                    do {
                        let c = try PGConnection(url)
                        try c.executeScript("SET deadlock_timeout = '50ms'; BEGIN")
                        try c.execute("UPDATE t SET id = id WHERE id = $1", [.int4(Int32(first))])
                        Thread.sleep(forTimeInterval: 0.3)
                        try c.execute("UPDATE t SET id = id WHERE id = $1", [.int4(Int32(second))])
                        try c.executeScript("COMMIT")
                    } catch let e as PGError { errors.mutate { $0.append(e) } } catch {}
                }
            }
            group.wait()
            let found = errors.value
            #expect(found.count == 1)
            #expect(found.first?.isDeadlock == true, "got \(found)")
        }
    }

    @Test("connection loss (57P01/08xxx) when the server ends the session")
    func sessionEndedByTheServerIsClassifiedAsConnectionLoss() throws {
        let victim = try PGConnection(TestDatabase.baseURL)
        let killer = try PGConnection(TestDatabase.baseURL)
        try killer.execute("SELECT pg_terminate_backend($1)", [.int4(victim.serverProcessID)])
        Thread.sleep(forTimeInterval: 0.1)
        do { try victim.execute("SELECT 1"); Issue.record("expected a connection error") } catch {
            #expect(error.isConnectionLoss, "got \(error)")
        }
    }

    @Test("a connection failure names the socket and libpq's reason")
    func connectionFailureNamesTheSocketAndLibpqsReason() throws {
        do {
            _ = try PGConnection("postgresql:///nope?host=/nonexistent-dir&port=5999")
            Issue.record("expected failure")
        } catch {
            #expect(error.code == .connection)
            #expect(error.isConnectionLoss)
            #expect(error.message.contains("/nonexistent-dir"))
        }
    }

    @Test("a syntax error reports SQLSTATE 42601 and never echoes parameter values")
    func syntaxErrorReports42601AndNeverEchoesParameters() throws {
        let c = try PGConnection(TestDatabase.baseURL)
        do { try c.execute("SELEC $1::text", [.text("4111111111111111")]); Issue.record("expected error") } catch {
            #expect(error.sqlState == SQLState.syntaxError)
            #expect(!error.description.contains("4111111111111111"))
        }
    }
}

