import Crypto
import Foundation
import LibPQ

/// Applies `schema/NNN_name.sql` migrations in order, each in its own transaction, recorded
/// with a SHA-256 checksum. A migration edited after it was applied is refused; migrating twice
/// is a no-op. Concurrent migrators serialize on an advisory lock.
public struct Migrator {
    public struct Migration: Sendable {
        public var version: Int
        public var name: String
        public var sql: String
        public var checksum: [UInt8]
        public init(version: Int, name: String, sql: String, checksum: [UInt8]) {
            self.version = version; self.name = name; self.sql = sql; self.checksum = checksum
        }
    }

    public struct Status: Sendable, Equatable {
        public enum State: String, Sendable { case applied, pending, edited, missingFile = "missing-file" }
        public var version: Int
        public var name: String
        public var state: State
        public var appliedAt: PGTimestamp?
    }

    public struct EditedMigrationError: Error, CustomStringConvertible {
        public var name: String
        public var recordedChecksum: String
        public var fileChecksum: String
        public var description: String {
            "migration \(name) was edited after it was applied (recorded checksum \(recordedChecksum.prefix(12))…, file \(fileChecksum.prefix(12))…); applied migrations are never changed: restore the file and add a new migration"
        }
    }

    public struct SchemaDirectoryError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public let migrations: [Migration]
    static let advisoryLockKey: Int64 = 0x7472_6164_656c_6467  // "tradeldg"

    public init(migrations: [Migration]) { self.migrations = migrations.sorted { $0.version < $1.version } }

    /// Reads every `NNN_name.sql` file in `directory`.
    public init(directory: String) throws {
        let files: [String]
        do { files = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw SchemaDirectoryError(message: "cannot read the schema directory \(directory): \(error.localizedDescription)")
        }
        var found: [Migration] = []
        for file in files.sorted() where file.hasSuffix(".sql") {
            guard let version = Int(file.prefix(while: \.isNumber)), file.first?.isNumber == true else {
                throw SchemaDirectoryError(message: "schema file \(file) does not start with a version number (NNN_name.sql)")
            }
            guard let data = FileManager.default.contents(atPath: directory + "/" + file) else {
                throw SchemaDirectoryError(message: "cannot read \(directory)/\(file)")
            }
            if found.contains(where: { $0.version == version }) {
                throw SchemaDirectoryError(message: "two schema files have version \(version)")
            }
            found.append(Migration(version: version, name: String(file.dropLast(4)), sql: String(decoding: data, as: UTF8.self),
                                   checksum: Array(SHA256.hash(data: data))))
        }
        self.init(migrations: found)
    }

    /// Locates `schema/`: `TRADELEDGER_SCHEMA_DIR`, else next to the checkout that built this
    /// binary (`…/.build/<config>/tradeledger` → `…/schema`), else `./schema`.
    public static func defaultDirectory(executablePath: String = CommandLine.arguments.first ?? "") -> String {
        if let env = ProcessInfo.processInfo.environment["TRADELEDGER_SCHEMA_DIR"], !env.isEmpty { return env }
        var url = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = url.appendingPathComponent("schema")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("001_roles.sql").path) { return candidate.path }
            url.deleteLastPathComponent()
        }
        return "schema"
    }

    static let bookkeeping = """
        CREATE TABLE IF NOT EXISTS public.tradeledger_migrations (
          version    integer     PRIMARY KEY,
          name       text        NOT NULL,
          checksum   bytea       NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now()
        )
        """

    /// Applies pending migrations; returns the names applied (empty when up to date).
    @discardableResult
    public func migrate(_ connection: PGConnection) throws -> [String] {
        try connection.execute("SELECT pg_advisory_lock($1)", [.int8(Self.advisoryLockKey)])
        defer { _ = try? connection.execute("SELECT pg_advisory_unlock($1)", [.int8(Self.advisoryLockKey)]) }
        try connection.executeScript(Self.bookkeeping)
        let recorded = try recordedChecksums(connection)
        var applied: [String] = []
        for m in migrations {
            if let sum = recorded[m.version] {
                guard sum.checksum == m.checksum else {
                    throw EditedMigrationError(name: m.name, recordedChecksum: hex(sum.checksum), fileChecksum: hex(m.checksum))
                }
                continue
            }
            try connection.withTransaction { c in
                try c.executeScript(m.sql)
                try c.executeScript("RESET ROLE")  // a migration may SET LOCAL ROLE to its owner
                try c.execute("INSERT INTO public.tradeledger_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                              [.int4(Int32(m.version)), .text(m.name), .bytea(m.checksum)])
            }
            applied.append(m.name)
        }
        return applied
    }

    public func status(_ connection: PGConnection) throws -> [Status] {
        let exists = try connection.execute("SELECT to_regclass('public.tradeledger_migrations') IS NOT NULL").bool(0, 0)
        let recorded = exists ? try recordedChecksums(connection) : [:]
        var out: [Status] = migrations.map { m in
            guard let r = recorded[m.version] else { return Status(version: m.version, name: m.name, state: .pending) }
            return Status(version: m.version, name: m.name, state: r.checksum == m.checksum ? .applied : .edited, appliedAt: r.appliedAt)
        }
        for (version, r) in recorded where !migrations.contains(where: { $0.version == version }) {
            out.append(Status(version: version, name: r.name, state: .missingFile, appliedAt: r.appliedAt))
        }
        return out.sorted { $0.version < $1.version }
    }

    private func recordedChecksums(_ c: PGConnection) throws -> [Int: (name: String, checksum: [UInt8], appliedAt: PGTimestamp)] {
        let r = try c.execute("SELECT version, name, checksum, applied_at FROM public.tradeledger_migrations")
        var out: [Int: (name: String, checksum: [UInt8], appliedAt: PGTimestamp)] = [:]
        for row in 0..<r.rowCount {
            out[Int(try r.int64(row, 0))] = (try r.string(row, 1), try r.bytes(row, 2), try r.timestamp(row, 3))
        }
        return out
    }

    private func hex(_ b: [UInt8]) -> String { b.map { String(format: "%02x", $0) }.joined() }
}
