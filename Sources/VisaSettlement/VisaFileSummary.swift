/// What the streaming reader returns once the whole file is valid: everything but the
/// transactions and VSS lines, which went to the visitor.
public struct VisaFileSummary: Hashable, Sendable {
    public var format: VisaFileFormat
    public var header: VisaHeader
    public var skipped: [String: Int]
    public var trailers: [VisaTrailer]
    public var recordCount: Int
    public var isEBCDIC: Bool

    public init(format: VisaFileFormat, header: VisaHeader, skipped: [String: Int], trailers: [VisaTrailer],
                recordCount: Int, isEBCDIC: Bool = false) {
        self.format = format
        self.header = header
        self.skipped = skipped
        self.trailers = trailers
        self.recordCount = recordCount
        self.isEBCDIC = isEBCDIC
    }
}
