import Money

/// A programme joins the ledger's programme set, on `ledger-programs` (appended by
/// `LaunchSubsidyProgram` beside `SubsidyProgramLaunched`, with the set stream's expected version).
///
/// The set stream is what keeps a capture's choice of programme current: every capture expects
/// the set's version it decided against (a guard, without writing to the stream), so a programme
/// launched by another writer meanwhile sends the capture back to be decided again. The
/// programme's position in the set (its version on the stream) is its launch order: the order in
/// the log, never a client-supplied time. No postings.
public struct SubsidyProgramListed: DecodableLedgerEvent {
    public static let eventType = "SubsidyProgramListed"
    public static let schemaVersion = 1

    public var programId: String
    public var effectiveAt: Timestamp

    public init(programId: String, effectiveAt: Timestamp) {
        self.programId = programId
        self.effectiveAt = effectiveAt
    }

    public var postings: [Posting] { [] }
    public var streamId: String { StreamID.programs }

    public func writeFields(to writer: inout CanonicalJSONWriter) {
        writer.field("effectiveAt", effectiveAt)
        Postings.write(postings, to: &writer)
        writer.field("programId", programId)
    }

    init(reading reader: inout FieldReader) throws(FieldProblem) {
        self.init(programId: try reader.id("programId"), effectiveAt: try reader.timestamp("effectiveAt"))
        reader.derivedPostings()
    }
}
