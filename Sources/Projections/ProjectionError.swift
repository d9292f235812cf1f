/// A projection that cannot be applied, switched or verified: what is wrong and, where it is
/// known, where — the projection and the seq of the event (or of the position) concerned. The
/// message names both too, for operators. An error thrown while folding an event always carries
/// both (`Projection.fold` locates it).
public struct ProjectionError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var projection: ProjectionName?
    public var seq: Int64?

    public init(_ message: String, projection: ProjectionName? = nil, seq: Int64? = nil) {
        self.message = message
        self.projection = projection
        self.seq = seq
    }

    /// The same error with the projection and seq filled in where they were not known.
    func located(projection: ProjectionName, seq: Int64) -> ProjectionError {
        ProjectionError(message, projection: self.projection ?? projection, seq: self.seq ?? seq)
    }

    public var description: String { message }
}
