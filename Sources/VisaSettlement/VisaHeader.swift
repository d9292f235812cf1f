/// TC 90, the file header. (processingBIN, processingDate, fileId) identify a file.
public struct VisaHeader: Hashable, Sendable {
    /// Record number: always 1 in a valid file.
    public var record: Int
    /// Positions 3-8.
    public var processingBIN: String
    /// Positions 9-13, YYDDD; the century is taken as 20YY.
    public var processingDate: VisaDate
    /// Positions 30-33: "TEST" in test files, blank in production.
    public var isTest: Bool
    /// Positions 77-79: sequence of the file within the day.
    public var fileId: String

    public init(record: Int = 1, processingBIN: String, processingDate: VisaDate, isTest: Bool, fileId: String) {
        self.record = record
        self.processingBIN = processingBIN
        self.processingDate = processingDate
        self.isTest = isTest
        self.fileId = fileId
    }
}
