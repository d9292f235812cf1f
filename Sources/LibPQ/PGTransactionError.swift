/// A transaction failure that says which step failed (begin, body, commit), keeping the body's
/// error and any rollback failure apart.
public struct PGTransactionError: Error, CustomStringConvertible {
    public enum Step: String, Sendable { case begin, body, rollback, commit }
    public var step: Step
    public var underlying: any Error
    public var rollbackError: PGError?
    public var description: String {
        var s = "transaction failed at \(step.rawValue): \(underlying)"
        if let rollbackError { s += "; rollback also failed: \(rollbackError)" }
        return s
    }
}
