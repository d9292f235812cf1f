/// The SQLSTATE codes this code base tests for, each named once (PostgreSQL's "Error Codes"
/// appendix). The ledger's own codes, TL001–TL006, are named beside the schema that raises
/// them, in EventStore (`SQLState+Ledger.swift`). Compare with `PGError.sqlState`.
public enum SQLState {
    /// Class 08: connection exception (every code that starts with it).
    public static let connectionExceptionClass = "08"
    public static let uniqueViolation = "23505"
    public static let checkViolation = "23514"
    /// Invalid schema name: a database nobody migrated yet (no `ledger` schema).
    public static let invalidSchemaName = "3F000"
    public static let serializationFailure = "40001"
    public static let deadlockDetected = "40P01"
    public static let insufficientPrivilege = "42501"
    public static let syntaxError = "42601"
    /// Undefined table: a database nobody migrated yet.
    public static let undefinedTable = "42P01"
    public static let lockNotAvailable = "55P03"
    public static let queryCanceled = "57014"
    public static let adminShutdown = "57P01"
    public static let crashShutdown = "57P02"
    public static let cannotConnectNow = "57P03"
}
