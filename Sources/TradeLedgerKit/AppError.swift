import LibPQ

/// Errors the CLI turns into exit codes (ARCHITECTURE.md): 1 some input rejected, 2 usage or
/// configuration, 3 database unreachable, 4 verification failed.
///
/// `code` says which (a struct over a private enum, as postgres-nio's `PSQLError.Code`); the
/// error that caused it, if any, stays in `underlying` for code that classifies it.
public struct AppError: Error, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable { case rejected, usage, unreachable, verificationFailed, database }
        private let base: Base
        private init(_ base: Base) { self.base = base }
        /// Some input was rejected (exit 1).
        public static let rejected = Code(.rejected)
        /// Usage or configuration (exit 2).
        public static let usage = Code(.usage)
        /// The database cannot be reached (exit 3).
        public static let unreachable = Code(.unreachable)
        /// Verification failed (exit 4).
        public static let verificationFailed = Code(.verificationFailed)
        /// The database refused or failed a statement (exit 3 when the connection was lost, else 1).
        public static let database = Code(.database)
        public var description: String { base.rawValue }
    }

    public var code: Code
    /// What a person reads on stderr (no row values).
    public var message: String
    /// The error this one reports, if any (a `PGError`, an `EventStoreError`, a parse error…).
    public var underlying: (any Error)?

    public init(_ code: Code, _ message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    /// An error reported as itself: its description, then `note`, is the message.
    public init(_ code: Code, _ error: any Error, note: String = "") {
        self.init(code, "\(error)" + note, underlying: error)
    }

    public static func rejected(_ message: String, underlying: (any Error)? = nil) -> AppError {
        AppError(.rejected, message, underlying: underlying)
    }

    public static func usage(_ message: String, underlying: (any Error)? = nil) -> AppError {
        AppError(.usage, message, underlying: underlying)
    }

    public static func unreachable(_ message: String, underlying: (any Error)? = nil) -> AppError {
        AppError(.unreachable, message, underlying: underlying)
    }

    public static func verificationFailed(_ message: String, underlying: (any Error)? = nil) -> AppError {
        AppError(.verificationFailed, message, underlying: underlying)
    }

    public static func database(_ error: any Error) -> AppError { AppError(.database, error) }

    public var exitCode: Int32 {
        switch code {
        case .rejected: 1
        case .usage: 2
        case .unreachable: 3
        case .verificationFailed: 4
        default: (underlying as? PGError)?.isConnectionLoss == true ? 3 : 1
        }
    }

    public var description: String { message }
}
