import Money

/// What `decide` needs besides the command and the state.
public struct DecisionContext: Sendable {
    /// Business time for commands without `at`, and what `at` is measured against (submit reads
    /// it from the database clock, once per batch).
    public var now: Timestamp
    /// HMAC key for card tokens (`TRADELEDGER_TOKEN_KEY`).
    public var tokenKey: [UInt8]
    /// How far `at` may lie ahead of `now` (seconds); nil: not checked.
    public var futureSkewSeconds: Int64?

    public init(now: Timestamp, tokenKey: [UInt8], futureSkewSeconds: Int64? = nil) {
        precondition(futureSkewSeconds.map { $0 >= 0 } ?? true, "the future skew is not negative")
        self.now = now
        self.tokenKey = tokenKey
        self.futureSkewSeconds = futureSkewSeconds
    }
}

/// A stream the decision must read before it can decide.
public enum StreamNeed: Hashable, Sendable {
    case stream(String)
    /// Every stream of a type (e.g. "subsidy": a capture chooses among all programmes).
    case allOfType(String)
}

/// An event to append: `expectedVersion` is the stream's version before the command (0: the
/// stream must not exist yet). Every event of one decision on one stream has the same one.
public struct PendingEvent: Sendable, Hashable {
    public let streamId: String
    public let expectedVersion: Int64
    public let event: DomainEvent

    public init(streamId: String, expectedVersion: Int64, event: DomainEvent) {
        self.streamId = streamId
        self.expectedVersion = expectedVersion
        self.event = event
    }
}

public enum Decision: Sendable, Hashable {
    /// The events to append, and the guards: streams the decision read but does not write whose
    /// version it relied on (stream → version read; 0: the stream did not exist). The append
    /// expects each of them unchanged without writing to it, so a decision made against a
    /// programme set or a closing period that another writer has since moved is decided again.
    case accepted([PendingEvent], guards: [String: Int64])
    case rejected(CommandRejection)
    /// Load these streams (fold their events with `LedgerState.apply`, then `markLoaded`) and
    /// decide again.
    case needs(Set<StreamNeed>)
}
