/// A failure reported by libpq or the server.
///
/// Carries the server's fields (SQLSTATE, message, detail, hint, constraint) and the statement
/// that failed. `description` names the statement's first line and the server's message only; it
/// never prints parameter values or the server's `detail` (they may hold money or tokens).
public struct PGError: Error, CustomStringConvertible, Sendable {
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable { case connection, server, protocolUsage, copy, pipeline, timeout, decode }
        private let base: Base
        public static let connection = Kind(base: .connection)
        public static let server = Kind(base: .server)
        public static let protocolUsage = Kind(base: .protocolUsage)
        public static let copy = Kind(base: .copy)
        public static let pipeline = Kind(base: .pipeline)
        public static let timeout = Kind(base: .timeout)
        public static let decode = Kind(base: .decode)
        public var description: String { base.rawValue }
    }

    public var kind: Kind
    public var sqlState: String?
    public var message: String
    public var detail: String?
    public var hint: String?
    public var constraint: String?
    public var table: String?
    public var query: String?

    public init(kind: Kind, sqlState: String? = nil, message: String, detail: String? = nil,
                hint: String? = nil, constraint: String? = nil, table: String? = nil, query: String? = nil) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.table = table
        self.query = query
    }

    public var description: String {
        var s = "PostgreSQL \(kind) error"
        if let sqlState { s += " \(sqlState)" }
        s += ": \(message)"
        // Not the server's `detail`: it can echo row values ("Key (…)=(…)", "Failing row
        // contains (…)"), and rows may hold money, tokens or worse. Code that needs it reads
        // `detail` itself.
        if let constraint { s += " [constraint \(constraint)]" }
        if let query {
            let first = query.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? query
            s += " in: \(first.prefix(120))"
        }
        return s
    }

    // MARK: classification (SQLSTATE classes from PostgreSQL's errcodes appendix)

    public var isUniqueViolation: Bool { sqlState == "23505" }
    public var isSerializationFailure: Bool { sqlState == "40001" }
    public var isDeadlock: Bool { sqlState == "40P01" }
    public var isLockTimeout: Bool { sqlState == "55P03" }
    public var isQueryCanceled: Bool { sqlState == "57014" }
    public var isInsufficientPrivilege: Bool { sqlState == "42501" }
    /// Class 08 (connection exception), 57P01..57P03 (admin shutdown, crash shutdown, cannot
    /// connect now), or a client-side connection failure.
    public var isConnectionLoss: Bool {
        if kind == .connection { return true }
        guard let s = sqlState else { return false }
        return s.hasPrefix("08") || s == "57P01" || s == "57P02" || s == "57P03"
    }
    /// A failure that a caller may retry with a fresh transaction.
    public var isTransient: Bool { isSerializationFailure || isDeadlock || isLockTimeout }
}
