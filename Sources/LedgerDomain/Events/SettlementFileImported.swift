import Money

/// A Visa settlement file was imported, on `settlement-file-{fileId}` (fileId = SHA-256 of the
/// file's bytes, hex). The first event of its stream, appended with "no stream" expected: a second
/// import of the same bytes conflicts on it. `report` is the import's report document (the
/// `reconcile --json` shape), kept so the same bytes again report the earlier result. No postings.
public struct SettlementFileImported: DecodableLedgerEvent {
    public static let eventType = "SettlementFileImported"
    public static let schemaVersion = 1
    public static let reportBytesMax = 64 * 1024

    public var fileId: String
    public var processingBIN: String
    public var processingDate: CalendarDay
    /// The header's file id (positions 77-79): the sequence of the file within the day.
    public var fileSequence: String
    public var records: Int64
    public var report: String
    public var effectiveAt: Timestamp

    public init(fileId: String, processingBIN: String, processingDate: CalendarDay, fileSequence: String, records: Int64,
                report: String, effectiveAt: Timestamp) {
        self.fileId = fileId
        self.processingBIN = processingBIN
        self.processingDate = processingDate
        self.fileSequence = fileSequence
        self.records = records
        self.report = report
        self.effectiveAt = effectiveAt
    }

    public var postings: [Posting] { [] }
    public var streamId: String { StreamID.settlementFile(fileId) }

    public func writeFields(to writer: inout CanonicalJSONWriter) {
        writer.field("effectiveAt", effectiveAt)
        writer.field("fileId", fileId)
        writer.field("fileSequence", fileSequence)
        Postings.write(postings, to: &writer)
        writer.field("processingBIN", processingBIN)
        writer.field("processingDate", processingDate)
        writer.field("records", records)
        writer.field("report", report)
    }

    init(reading reader: inout FieldReader) throws(FieldProblem) {
        self.init(fileId: try reader.string("fileId"), processingBIN: try reader.string("processingBIN"),
                  processingDate: try reader.day("processingDate"), fileSequence: try reader.string("fileSequence"),
                  records: try reader.int("records", range: 0...Int64.max), report: try reader.string("report"),
                  effectiveAt: try reader.timestamp("effectiveAt"))
        reader.derivedPostings()
    }
}
