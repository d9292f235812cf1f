public enum PGPipelineOutcome {
    case ok(PGResult)
    case failed(PGError)
    /// Not run: an earlier statement of the same segment failed.
    case aborted

    public var result: PGResult? { if case .ok(let r) = self { r } else { nil } }
}
