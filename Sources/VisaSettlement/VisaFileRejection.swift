/// A settlement file that was rejected: any error rejects the whole file.
public struct VisaFileRejection: Error, Hashable, Sendable, CustomStringConvertible {
    /// The errors found, in record order, at most `VisaLimits.errorsMax`.
    public var errors: [VisaFileError]
    /// True when reading stopped at `VisaLimits.errorsMax` errors (more may follow).
    public var errorsLimitReached: Bool
    /// The framing detected, when the file had any record.
    public var format: VisaFileFormat?
    /// The header, when record 1 was a valid TC 90.
    public var header: VisaHeader?

    public init(errors: [VisaFileError], errorsLimitReached: Bool = false,
                format: VisaFileFormat? = nil, header: VisaHeader? = nil) {
        precondition(!errors.isEmpty, "a rejection carries at least one error")
        self.errors = errors
        self.errorsLimitReached = errorsLimitReached
        self.format = format
        self.header = header
    }

    public var description: String {
        let more = errorsLimitReached ? " (stopped at \(VisaLimits.errorsMax) errors)" : ""
        return "settlement file rejected, \(errors.count) error(s)\(more): "
            + errors.prefix(3).map(\.description).joined(separator: "; ")
    }
}
