public enum AppendOutcome: Equatable, Sendable {
    case appended(firstSeq: Int64, lastSeq: Int64)
    /// The command id was appended before with the same request: nothing new, its first result.
    case duplicate(firstSeq: Int64, lastSeq: Int64)

    public var seqRange: ClosedRange<Int64> {
        switch self {
        case .appended(let f, let l), .duplicate(let f, let l): f...l
        }
    }
}
