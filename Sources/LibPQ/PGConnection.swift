import CLibPQ

/// One libpq connection. Owned by one task at a time (not `Sendable`); closed with `PQfinish`
/// when released.
public final class PGConnection {
    let handle: OpaquePointer

    /// Session limits set on every connection, so a stuck client cannot hold a lock forever.
    /// Every session also pins how the server writes dates, times and intervals as text
    /// (`DateStyle` ISO/YMD, `TimeZone` UTC, `IntervalStyle` ISO 8601), whatever the server's,
    /// database's or role's defaults: fingerprints and queries format them as text, and the
    /// same rows must give the same text on every cluster.
    public struct SessionSettings: Sendable {
        public var lockTimeoutMilliseconds: Int = 5_000
        public var statementTimeoutMilliseconds: Int = 600_000
        public var idleInTransactionTimeoutMilliseconds: Int = 60_000
        public var applicationName: String = "tradeledger"
        public init() {}
        public static let `default` = SessionSettings()
    }

    /// Connects from a conninfo string (`host=… dbname=…`), a `postgresql://` URI, or, when
    /// `conninfo` is empty, libpq's environment (PGHOST, PGPORT, PGDATABASE, PGUSER, PGSERVICE…).
    public init(_ conninfo: String = "", settings: SessionSettings = .default) throws(PGError) {
        guard let h = PQconnectdb(conninfo) else {
            throw PGError(code: .connection, message: "libpq could not allocate a connection")
        }
        handle = h
        guard PQstatus(h) == CONNECTION_OK else {
            let message = Self.trimmed(PQerrorMessage(h))
            // `handle` is set, so deinit runs on this throw and calls PQfinish once.
            throw PGError(code: .connection, message: message.isEmpty ? "connection failed" : message)
        }
        let setup = """
            SET lock_timeout = \(settings.lockTimeoutMilliseconds);
            SET statement_timeout = \(settings.statementTimeoutMilliseconds);
            SET idle_in_transaction_session_timeout = \(settings.idleInTransactionTimeoutMilliseconds);
            SET DateStyle = 'ISO, YMD';
            SET TimeZone = 'UTC';
            SET IntervalStyle = 'iso_8601';
            SET client_min_messages = warning;
            SET application_name = \(PGConnection.quoteLiteralASCII(settings.applicationName));
            """
        try executeScript(setup)
    }

    deinit { PQfinish(handle) }

    /// Where the connection goes, for messages: socket directory or host, port, database, user.
    public var target: String {
        func s(_ p: UnsafeMutablePointer<CChar>?) -> String { p.map { String(cString: $0) } ?? "" }
        return "host=\(s(PQhost(handle))) port=\(s(PQport(handle))) dbname=\(s(PQdb(handle))) user=\(s(PQuser(handle)))"
    }

    public var serverProcessID: Int32 { PQbackendPID(handle) }
    public var isOK: Bool { PQstatus(handle) == CONNECTION_OK }

    // MARK: statements

    /// Runs one parameterized statement. Parameters go binary unless `parameterFormat` is text.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [PGValue] = [],
                        parameterFormat: PGFormat = .binary, resultFormat: PGFormat = .binary) throws(PGError) -> PGResult {
        let raw = ParameterBuffers(parameters, format: parameterFormat).withPointers { n, types, values, lengths, formats in
            PQexecParams(handle, sql, n, types, values, lengths, formats, resultFormat.rawValue)
        }
        return try PGResult.checked(raw, connection: self, query: sql)
    }

    /// Prepares a named statement; `types` may be empty to let the server infer them.
    public func prepare(_ name: String, _ sql: String, types: [PGType] = []) throws(PGError) {
        let oids = types.map { Oid($0.oid) }
        let raw = oids.withUnsafeBufferPointer { PQprepare(handle, name, sql, Int32(oids.count), $0.baseAddress) }
        _ = try PGResult.checked(raw, connection: self, query: sql)
    }

    @discardableResult
    public func executePrepared(_ name: String, _ parameters: [PGValue] = [],
                                parameterFormat: PGFormat = .binary, resultFormat: PGFormat = .binary) throws(PGError) -> PGResult {
        let raw = ParameterBuffers(parameters, format: parameterFormat).withPointers { n, _, values, lengths, formats in
            PQexecPrepared(handle, name, n, values, lengths, formats, resultFormat.rawValue)
        }
        return try PGResult.checked(raw, connection: self, query: "EXECUTE \(name)")
    }

    /// Runs a script of one or more statements with no parameters (simple query protocol):
    /// migrations and session setup only.
    public func executeScript(_ sql: String) throws(PGError) {
        let raw = PQexec(handle, sql)
        _ = try PGResult.checked(raw, connection: self, query: sql)
        // PQexec returns only the last result; the earlier ones were consumed by libpq.
    }

    /// Quotes an identifier with libpq's rules (for names that cannot be parameters: LISTEN).
    public func quoteIdentifier(_ name: String) -> String {
        guard let p = PQescapeIdentifier(handle, name, name.utf8.count) else {
            preconditionFailure("PQescapeIdentifier failed: \(lastErrorMessage)")
        }
        defer { PQfreemem(p) }
        return String(cString: p)
    }

    var lastErrorMessage: String { Self.trimmed(PQerrorMessage(handle)) }

    static func trimmed(_ p: UnsafePointer<CChar>?) -> String {
        guard let p else { return "" }
        var s = String(cString: p)
        while s.last == "\n" || s.last == " " { s.removeLast() }
        return s
    }

    static func quoteLiteralASCII(_ s: String) -> String {
        "'" + s.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
    }
}
