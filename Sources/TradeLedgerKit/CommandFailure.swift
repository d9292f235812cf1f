import LibPQ

/// What the CLI prints (after `tradeledger: `) and exits with for an error a command threw,
/// by the exit codes of ARCHITECTURE.md: an `AppError` by its own code, a database nobody
/// migrated yet 2, anything else 1.
public struct CommandFailure: Sendable, Equatable {
    public var message: String
    public var exitCode: Int32

    /// SQLSTATEs of a database without the TradeLedger schema: undefined_table, invalid_schema_name.
    static let unmigratedSQLStates: Set<String> = ["42P01", "3F000"]

    public init(message: String, exitCode: Int32) {
        self.message = message
        self.exitCode = exitCode
    }

    public init(_ error: any Error) {
        switch error {
        case let e as PGError where e.sqlState.map(Self.unmigratedSQLStates.contains) == true:
            self.init(message: "the database has no TradeLedger schema (\(e.message)); run `tradeledger db migrate` first", exitCode: 2)
        case let e as AppError:
            self.init(message: e.description, exitCode: e.exitCode)
        default:
            self.init(message: "\(error)", exitCode: 1)
        }
    }
}
