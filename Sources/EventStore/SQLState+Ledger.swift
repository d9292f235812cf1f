import LibPQ

/// The ledger's own SQLSTATEs, raised by the functions and triggers of `schema/` (class TL).
extension SQLState {
    /// TL001: a stream's version differed from the expected one (`ledger.append`,
    /// `ledger.bulk_prepare`); DETAIL is the stream id.
    public static let versionConflict = "TL001"
    /// TL002: the command id was used before with a different request.
    public static let commandReused = "TL002"
    /// TL003: an event row was to be updated or deleted (schema/003_append_only.sql).
    public static let appendOnly = "TL003"
    /// TL004: the arguments of an append function are malformed (a programmer error).
    public static let invalidAppendArguments = "TL004"
    /// TL005: `ledger.bulk_commit` refused what was staged (names the first bad seq).
    public static let bulkRefused = "TL005"
    /// TL006: a twin with the same command id was appended meanwhile; ask again.
    public static let appendRaced = "TL006"
}
