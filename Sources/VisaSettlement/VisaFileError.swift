/// One problem found in a settlement file, located by record and positions.
///
/// `record` is the 1-based record number (for a transaction, the TCR's own record number);
/// `positions` are the 1-based inclusive positions within that record as VISA-FILE.md writes them
/// ("27-49", or "4" for one position); `message` says what was expected. The message never quotes
/// the account number field.
public struct VisaFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public var record: Int
    public var positions: String
    public var field: String
    public var message: String

    public init(record: Int, positions: String, field: String, message: String) {
        precondition(record >= 1, "records are numbered from 1")
        precondition(!positions.isEmpty, "an error names its positions")
        self.record = record
        self.positions = positions
        self.field = field
        self.message = message
    }

    public var description: String {
        "record \(record), positions \(positions), \(field): \(message)"
    }
}
