/// What a command expects of a stream it writes.
public enum ExpectedVersion: Hashable, Sendable {
    case any
    case noStream
    case exact(Int64)

    /// The encoding of `ledger.append`: -1 any, 0 no stream, n exact.
    var code: Int64 {
        switch self {
        case .any: -1
        case .noStream: 0
        case .exact(let n): n
        }
    }

    public init(code: Int64) { self = code < 0 ? .any : (code == 0 ? .noStream : .exact(code)) }
}
