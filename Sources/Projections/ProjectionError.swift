/// A projection that cannot be applied, switched or verified: what is wrong and, where it is
/// known, where — the projection and the seq of the event (or of the position) concerned. The
/// message names both too, for operators. An error thrown while folding an event always carries
/// both (`Projection.fold` locates it).
public struct ProjectionError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, for the exit code: the log or a projection did not hold up (an event
    /// that cannot be folded, a rebuild that differs from the live projection: a failed
    /// verification), or another rebuild of the same projection switched over first (nothing
    /// is wrong with the data; this one stopped and changed nothing).
    public enum Kind: Sendable { case failed, overtaken }

    public var message: String
    public var projection: ProjectionName?
    public var seq: Int64?
    public var kind: Kind

    public init(_ message: String, projection: ProjectionName? = nil, seq: Int64? = nil, kind: Kind = .failed) {
        self.message = message
        self.projection = projection
        self.seq = seq
        self.kind = kind
    }

    /// The same error with the projection and seq filled in where they were not known.
    func located(projection: ProjectionName, seq: Int64) -> ProjectionError {
        ProjectionError(message, projection: self.projection ?? projection, seq: self.seq ?? seq, kind: kind)
    }

    public var description: String { message }
}
