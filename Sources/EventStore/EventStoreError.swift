public enum EventStoreError: Error, CustomStringConvertible, Equatable {
    /// A stream's version differed from the expected one: reload state and decide again.
    case versionConflict(stream: String, message: String)
    /// The command id was used before with a different request.
    case commandReused(commandId: String)
    /// Commands of a bulk chunk were appended meanwhile by another writer: redo the chunk.
    case commandsAlreadyAppended([String])
    /// The log is broken at `seq` (fail-stop).
    case chainBroken(seq: Int64, reason: String)

    public var description: String {
        switch self {
        case .versionConflict(_, let m): m
        case .commandReused(let id): "command id \(id) was already used with a different request"
        case .commandsAlreadyAppended(let ids): "\(ids.count) command(s) were appended concurrently by another writer (first: \(ids.first ?? ""))"
        case .chainBroken(let seq, let reason): "event log broken at seq \(seq): \(reason)"
        }
    }
}
