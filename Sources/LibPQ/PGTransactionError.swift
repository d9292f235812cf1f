/// A transaction failure that says which step failed (begin, body, commit), keeping the body's
/// error and any rollback failure apart.
public struct PGTransactionError: Error, CustomStringConvertible {
    /// Which step failed: a struct over a private enum, like `PGError.Code`.
    public struct Step: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable { case begin, body, rollback, commit }
        private let base: Base
        private init(_ base: Base) { self.base = base }
        public static let begin = Step(.begin)
        public static let body = Step(.body)
        public static let rollback = Step(.rollback)
        public static let commit = Step(.commit)
        public var description: String { base.rawValue }
    }

    public var step: Step
    public var underlying: any Error
    public var rollbackError: PGError?
    public var description: String {
        var s = "transaction failed at \(step): \(underlying)"
        if let rollbackError { s += "; rollback also failed: \(rollbackError)" }
        return s
    }
}
