import EventStore
import Foundation
import LedgerDomain
import LibPQ

/// Where the CLI connects, in order: `--database-url`, `TRADELEDGER_DATABASE_URL`, libpq's own
/// environment (`PGHOST`, `PGPORT`, `PGDATABASE`, `PGUSER`, `PGSERVICE`, `~/.pgpass`), and with
/// none of those, the local cluster of this checkout started by `ops/pg up`: as the login role
/// `tradeledger` (a member of tradeledger_app, not a superuser), or for migrations as
/// `tradeledger_owner`.
public struct DatabaseConfig: Sendable {
    /// Which role of the local cluster a command connects as.
    public enum LocalRole: String, Sendable {
        case application = "app"
        case owner
    }

    public var conninfo: String
    public var ledgerId: String

    public static let defaultLedger = "main"
    static let libpqVariables = ["PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE"]

    public init(conninfo: String, ledgerId: String = DatabaseConfig.defaultLedger) {
        self.conninfo = conninfo
        self.ledgerId = ledgerId
    }

    public static func resolve(databaseURL: String?, ledger: String?, localRole: LocalRole = .application,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws(AppError) -> DatabaseConfig {
        let ledgerId = ledger ?? environment["TRADELEDGER_LEDGER"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultLedger
        guard Identifier.isValidId(ledgerId) else {
            throw AppError.usage("ledger id \"\(ledgerId)\" must be 1-64 characters of [A-Za-z0-9._-]")
        }
        if let url = databaseURL ?? environment["TRADELEDGER_DATABASE_URL"], !url.isEmpty {
            return DatabaseConfig(conninfo: url, ledgerId: ledgerId)
        }
        if libpqVariables.contains(where: { environment[$0].map { !$0.isEmpty } ?? false }) {
            return DatabaseConfig(conninfo: "", ledgerId: ledgerId)
        }
        if let local = localClusterURL(role: localRole) { return DatabaseConfig(conninfo: local, ledgerId: ledgerId) }
        return DatabaseConfig(conninfo: "", ledgerId: ledgerId)
    }

    /// The URL printed by `ops/pg url ROLE` of the checkout this binary was built in, if any.
    static func localClusterURL(role: LocalRole) -> String? {
        var url = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            let script = url.appendingPathComponent("ops/pg").path
            if FileManager.default.isExecutableFile(atPath: script) {
                let p = Process()
                p.executableURL = URL(fileURLWithPath: script)
                p.arguments = ["url", role.rawValue]
                let out = Pipe()
                p.standardOutput = out
                p.standardError = FileHandle.nullDevice
                guard (try? p.run()) != nil else { return nil }
                p.waitUntilExit()
                let s = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                return s.isEmpty ? nil : s
            }
            url.deleteLastPathComponent()
        }
        return nil
    }

    /// Opens a connection; failure is `AppError.unreachable` (exit code 3).
    public func connect() throws(AppError) -> PGConnection {
        do { return try PGConnection(conninfo) } catch {
            throw AppError.unreachable("cannot connect to PostgreSQL: \(error.message)", underlying: error)
        }
    }

    /// Opens a connection acting as the application role when the login user may (so the
    /// database enforces append-only for the CLI too).
    public func connectAsApplication() throws(AppError) -> PGConnection {
        let c = try connect()
        do {
            let member = try c.execute("SELECT pg_has_role('tradeledger_app', 'MEMBER') FROM pg_roles WHERE rolname = 'tradeledger_app'")
            if member.rowCount == 1, try member.bool(0, 0) { try c.executeScript("SET ROLE tradeledger_app") }
        } catch {
            throw AppError.database(error)
        }
        return c
    }
}

extension DatabaseConfig {
    /// The event store of the configured ledger, connected as the application role.
    public func openStore() throws(AppError) -> EventStore {
        EventStore(connection: try connectAsApplication(), ledgerId: ledgerId)
    }
}
