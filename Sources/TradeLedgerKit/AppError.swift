import LibPQ

/// Errors the CLI turns into exit codes (ARCHITECTURE.md): 1 some input rejected, 2 usage or
/// configuration, 3 database unreachable, 4 verification failed.
public enum AppError: Error, CustomStringConvertible {
    case rejected(String)
    case usage(String)
    case unreachable(String)
    case verificationFailed(String)
    case database(any Error)

    public var exitCode: Int32 {
        switch self {
        case .rejected: 1
        case .usage: 2
        case .unreachable: 3
        case .verificationFailed: 4
        case .database(let e): (e as? PGError)?.isConnectionLoss == true ? 3 : 1
        }
    }

    public var description: String {
        switch self {
        case .rejected(let s), .usage(let s), .unreachable(let s), .verificationFailed(let s): s
        case .database(let e): "\(e)"
        }
    }
}
