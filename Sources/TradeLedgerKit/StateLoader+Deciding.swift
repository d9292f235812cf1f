import LedgerDomain

extension StateLoader {
    /// Decides with `body`, loading the streams a decision asks for (`.needs`) into `state` and
    /// deciding again, a few rounds at most; a decision that still needs more after that is
    /// returned as it is, for the caller to refuse.
    public func deciding(into state: inout LedgerState, rounds: Int = 4, _ body: (LedgerState) -> Decision) throws -> Decision {
        var decision = body(state)
        for _ in 0..<rounds {
            guard case .needs(let needs) = decision else { return decision }
            try load(needs, into: &state)
            decision = body(state)
        }
        return decision
    }
}
