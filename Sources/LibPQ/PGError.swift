/// A failure reported by libpq or the server.
///
/// Carries what failed (`code`), the server's fields (SQLSTATE, message, detail, hint,
/// constraint) and the statement that failed. `description` names the statement's first line and
/// the server's message only; it never prints parameter values or the server's `detail` (they may
/// hold money, tokens or card data). Code that needs the detail reads `detail`.
///
/// The server's primary message can quote a refused input value too (`invalid input syntax for
/// type uuid: "…"`, `value "…" is out of range for type integer`, `database "…" does not exist`),
/// and such a value may come from a command. So `message` is kept with every long digit run
/// replaced (`DigitRunRedaction`, when the error is made): no card number can come out of it, nor
/// out of `description`, and every caller that quotes `message` is covered. SQLSTATE, constraint
/// and table names and the wording stay.
public struct PGError: Error, CustomStringConvertible, Sendable {
    /// Where the failure came from. A struct over a private enum (as postgres-nio's
    /// `PSQLError.Code`), so that codes can be added without breaking a caller's `switch`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable { case connection, server, protocolUsage, copy, pipeline, timeout, decode }
        private let base: Base
        private init(_ base: Base) { self.base = base }
        /// No connection, or it was lost (libpq's side; the server's SQLSTATE says more if any).
        public static let connection = Code(.connection)
        /// The server refused the statement: see `sqlState`.
        public static let server = Code(.server)
        /// The client used libpq wrongly (a programmer error surfaced as an error).
        public static let protocolUsage = Code(.protocolUsage)
        public static let copy = Code(.copy)
        public static let pipeline = Code(.pipeline)
        public static let timeout = Code(.timeout)
        /// A result did not have the expected shape or type.
        public static let decode = Code(.decode)
        public var description: String { base.rawValue }
    }

    public var code: Code
    public var sqlState: String?
    /// The message, its long digit runs withheld (`DigitRunRedaction`); set only when the error is made.
    public private(set) var message: String
    public var detail: String?
    public var hint: String?
    public var constraint: String?
    public var table: String?
    public var query: String?

    public init(code: Code, sqlState: String? = nil, message: String, detail: String? = nil,
                hint: String? = nil, constraint: String? = nil, table: String? = nil, query: String? = nil) {
        self.code = code
        self.sqlState = sqlState
        self.message = DigitRunRedaction.redacting(message)
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.table = table
        self.query = query
    }

    public var description: String {
        var s = "PostgreSQL \(code) error"
        if let sqlState { s += " \(sqlState)" }
        s += ": \(message)"
        // Not the server's `detail`: it can echo row values ("Key (…)=(…)", "Failing row
        // contains (…)"), and rows may hold money, tokens or worse. Code that needs it reads
        // `detail` itself.
        if let constraint { s += " [constraint \(constraint)]" }
        if let query {
            let first = query.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? query
            s += " in: \(DigitRunRedaction.redacting(first).prefix(120))"
        }
        return s
    }

    // MARK: classification (SQLSTATE classes from PostgreSQL's errcodes appendix)

    public var isUniqueViolation: Bool { sqlState == SQLState.uniqueViolation }
    public var isSerializationFailure: Bool { sqlState == SQLState.serializationFailure }
    public var isDeadlock: Bool { sqlState == SQLState.deadlockDetected }
    public var isLockTimeout: Bool { sqlState == SQLState.lockNotAvailable }
    public var isQueryCanceled: Bool { sqlState == SQLState.queryCanceled }
    public var isInsufficientPrivilege: Bool { sqlState == SQLState.insufficientPrivilege }
    /// Undefined table or schema: a database nobody migrated yet.
    public var isMissingSchema: Bool { sqlState == SQLState.undefinedTable || sqlState == SQLState.invalidSchemaName }
    /// Class 08 (connection exception), 57P01..57P03 (admin shutdown, crash shutdown, cannot
    /// connect now), or a client-side connection failure.
    public var isConnectionLoss: Bool {
        if code == .connection { return true }
        guard let s = sqlState else { return false }
        return s.hasPrefix(SQLState.connectionExceptionClass)
            || s == SQLState.adminShutdown || s == SQLState.crashShutdown || s == SQLState.cannotConnectNow
    }
    /// A failure that a caller may retry with a fresh transaction.
    public var isTransient: Bool { isSerializationFailure || isDeadlock || isLockTimeout }
}
