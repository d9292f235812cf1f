/// A rejection carried through `Result` inside a decision.
struct DecisionRejected: Error {
    let decision: Decision
    init(_ decision: Decision) { self.decision = decision }
}
