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
