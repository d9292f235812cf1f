/// A stream the decision must read before it can decide.
public enum StreamNeed: Hashable, Sendable {
    case stream(String)
    /// Every stream of a type (e.g. "subsidy": a capture chooses among all programmes).
    case allOfType(String)
}
