/// A failure of the event store that a caller reacts to (retry, reject, stop).
///
/// `code` says which (a struct over a private enum, as postgres-nio's `PSQLError.Code`, so codes
/// can be added without breaking a caller's `switch`); the other fields locate it.
public struct EventStoreError: Error, CustomStringConvertible, Equatable, Sendable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable { case versionConflict, commandReused, commandsAlreadyAppended, chainBroken }
        private let base: Base
        private init(_ base: Base) { self.base = base }
        /// A stream's version differed from the expected one: reload state and decide again.
        public static let versionConflict = Code(.versionConflict)
        /// The command id was used before with a different request.
        public static let commandReused = Code(.commandReused)
        /// Commands of a bulk chunk were appended meanwhile by another writer: redo the chunk.
        public static let commandsAlreadyAppended = Code(.commandsAlreadyAppended)
        /// The log is broken at `seq` (fail-stop).
        public static let chainBroken = Code(.chainBroken)
        public var description: String { base.rawValue }
    }

    public var code: Code
    /// versionConflict: the stream that moved ("" when the server did not name it).
    public var stream: String?
    /// commandReused: the command id; commandsAlreadyAppended: the commands of the chunk.
    public var commandIds: [String]
    /// chainBroken: the first bad seq.
    public var seq: Int64?
    /// versionConflict: the server's message; chainBroken: what is wrong at `seq`.
    public var reason: String

    private init(code: Code, stream: String? = nil, commandIds: [String] = [], seq: Int64? = nil, reason: String = "") {
        self.code = code
        self.stream = stream
        self.commandIds = commandIds
        self.seq = seq
        self.reason = reason
    }

    public static func versionConflict(stream: String, message: String) -> EventStoreError {
        EventStoreError(code: .versionConflict, stream: stream, reason: message)
    }

    public static func commandReused(commandId: String) -> EventStoreError {
        EventStoreError(code: .commandReused, commandIds: [commandId])
    }

    public static func commandsAlreadyAppended(_ commandIds: [String]) -> EventStoreError {
        EventStoreError(code: .commandsAlreadyAppended, commandIds: commandIds)
    }

    public static func chainBroken(seq: Int64, reason: String) -> EventStoreError {
        EventStoreError(code: .chainBroken, seq: seq, reason: reason)
    }

    public var description: String {
        switch code {
        case .versionConflict: reason
        case .commandReused: "command id \(commandIds.first ?? "") was already used with a different request"
        case .commandsAlreadyAppended:
            "\(commandIds.count) command(s) were appended concurrently by another writer (first: \(commandIds.first ?? ""))"
        case .chainBroken: "event log broken at seq \(seq ?? 0): \(reason)"
        default: "\(code): \(reason)"
        }
    }
}
