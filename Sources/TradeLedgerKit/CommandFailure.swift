import LibPQ

/// What the CLI prints (after `tradeledger: `) and exits with for an error a command threw,
/// by the exit codes of ARCHITECTURE.md: an `AppError` by its own code, a database nobody
/// migrated yet 2, anything else 1. The message never holds a card number (`OperatorText`).
public struct CommandFailure: Sendable, Equatable {
    public var message: String
    public var exitCode: Int32

    public init(message: String, exitCode: Int32) {
        self.message = OperatorText.withoutCardNumbers(message)
        self.exitCode = exitCode
    }

    public init(_ error: any Error) {
        // A missing schema may also arrive inside an AppError that carries it.
        let database = (error as? PGError) ?? ((error as? AppError)?.underlying as? PGError)
        if let e = database, e.isMissingSchema {
            self.init(message: "the database has no TradeLedger schema (\(e.message)); run `tradeledger db migrate` first", exitCode: 2)
            return
        }
        if let e = error as? AppError {
            self.init(message: e.description, exitCode: e.exitCode)
        } else {
            self.init(message: "\(error)", exitCode: 1)
        }
    }
}
