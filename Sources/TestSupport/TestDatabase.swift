import EventStore
import Foundation
import LibPQ

/// Throwaway databases for tests, cloned from a migrated template (fast: no migration per test).
///
/// The cluster comes from `TRADELEDGER_TEST_DATABASE_URL` (set by ops/test), else from
/// `ops/pg url` in this checkout. A database test that cannot reach its database fails; it never
/// skips (CI sets `CI`, and a skipped database test would hide a broken setup).
public enum TestDatabase {
    public static let checkoutRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    public static var schemaDirectory: String { checkoutRoot + "/schema" }

    /// Superuser URI of the test cluster's `tradeledger` database.
    public static let baseURL: String = {
        if let env = ProcessInfo.processInfo.environment["TRADELEDGER_TEST_DATABASE_URL"], !env.isEmpty { return env }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: checkoutRoot + "/ops/pg")
        p.arguments = ["url"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return "" }
        p.waitUntilExit()
        return String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }()

    /// The URI with another database name (the URIs here look like `postgresql:///NAME?…`).
    public static func url(database: String) -> String {
        PGConnectionURI.replacingDatabase(in: baseURL, with: database)
    }

    nonisolated(unsafe) private static var templateName: String?
    private static let lock = NSLock()

    /// Creates (once per process) a migrated template database named after the schema's checksum.
    public static func template() throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if let t = templateName { return t }
        let migrator = try Migrator(directory: schemaDirectory)
        var sum: UInt64 = 1469598103934665603
        for m in migrator.migrations { for b in m.checksum { sum = (sum ^ UInt64(b)) &* 1099511628211 } }
        let name = "tl_tpl_" + String(sum, radix: 16)
        let admin = try PGConnection(url(database: "postgres"))
        try admin.execute("SELECT pg_advisory_lock(4242)")
        defer { _ = try? admin.execute("SELECT pg_advisory_unlock(4242)") }
        let exists = try admin.execute("SELECT 1 FROM pg_database WHERE datname = $1", [.text(name)]).rowCount == 1
        if !exists {
            try admin.executeScript("CREATE DATABASE \(name)")
            do {
                let c = try PGConnection(url(database: name))
                try migrator.migrate(c)
            } catch {
                try? admin.executeScript("DROP DATABASE \(name)")
                throw error
            }
        }
        templateName = name
        return name
    }

    /// A fresh, migrated database for one test; dropped after `body`.
    public static func with<T>(_ body: (_ url: String) throws -> T) throws -> T {
        let name = try create()
        defer { drop(name) }
        return try body(url(database: name))
    }

    public static func with<T>(_ body: (_ url: String) async throws -> T) async throws -> T {
        let name = try create()
        defer { drop(name) }
        return try await body(url(database: name))
    }

    /// An empty database (not migrated), for migration tests.
    public static func withEmpty<T>(_ body: (_ url: String) throws -> T) throws -> T {
        let name = "tl_test_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let admin = try PGConnection(url(database: "postgres"))
        try admin.executeScript("CREATE DATABASE \(name)")
        defer { drop(name) }
        return try body(url(database: name))
    }

    /// The login role `tradeledger` (member of `tradeledger_app`, not a superuser: what the CLI
    /// uses on a local cluster), created when the cluster lacks it.
    public static let appLogin = "tradeledger"

    /// `url` as `appLogin` instead of the superuser.
    public static func asApplicationLogin(_ url: String) throws -> String {
        _ = try template()  // the roles exist once a migration ran
        let admin = try PGConnection(self.url(database: "postgres"))
        try admin.execute("SELECT pg_advisory_lock(4243)")
        defer { _ = try? admin.execute("SELECT pg_advisory_unlock(4243)") }
        if try admin.execute("SELECT 1 FROM pg_roles WHERE rolname = $1", [.text(appLogin)]).rowCount == 0 {
            try admin.executeScript("CREATE ROLE \(appLogin) LOGIN NOSUPERUSER IN ROLE tradeledger_app")
        }
        return PGConnectionURI.replacingUser(in: url, with: appLogin)
    }

    public static func create() throws -> String {
        let template = try template()
        let name = "tl_test_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let admin = try PGConnection(url(database: "postgres"))
        try admin.executeScript("CREATE DATABASE \(name) TEMPLATE \(template) STRATEGY FILE_COPY")
        return name
    }

    public static func drop(_ name: String) {
        guard let admin = try? PGConnection(url(database: "postgres")) else { return }
        _ = try? admin.executeScript("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }
}
