import LedgerDomain
import Money

/// An exception the import opens: its deterministic id, outcome, the postings that park its money
/// in recon/suspense (none for missing_in_file and net_mismatch), what it is about and the
/// evidence an operator sees. Becomes a `ReconciliationExceptionRaised` and a `recon.exceptions` row.
public struct ExceptionSpec: Sendable, Hashable {
    public var exceptionId: String
    public var outcome: ReconOutcome
    public var postings: [Posting]
    /// What the exception is about: the line's source amount, the item's amount (missing_in_file)
    /// or the T-net difference (net_mismatch).
    public var amount: Amount?
    public var itemKind: LedgerItem.Kind?
    public var itemId: String?
    public var paymentId: String?
    public var record: Int64?
    public var evidence: String

    public init(exceptionId: String, outcome: ReconOutcome, postings: [Posting], amount: Amount?, itemKind: LedgerItem.Kind? = nil,
                itemId: String? = nil, paymentId: String? = nil, record: Int64?, evidence: String) {
        precondition(outcome != .matched, "matched lines open no exception")
        self.exceptionId = exceptionId
        self.outcome = outcome
        self.postings = postings
        self.amount = amount
        self.itemKind = itemKind
        self.itemId = itemId
        self.paymentId = paymentId
        self.record = record
        self.evidence = evidence
    }

    /// Exception ids: `{file tag}-{record}` for a line, `{file tag}-NET-{currency}` for a net
    /// mismatch, `MIF-{C|R}-{item id}` for an item no file presented.
    public enum Id {
        /// The first 16 hex digits of the file id with the digits 0–9 written as the letters g–p:
        /// an operator types these ids into `resolve` and `match`, whose commands pass the card
        /// number guard, and a tag of hex digits followed by `-{record}` could now and then form a
        /// Luhn-valid 13–19 digit run. This alphabet has no digits, so only the record number is.
        public static func fileTag(_ fileId: String) -> String {
            String(fileId.prefix(16).map { c in c.wholeNumberValue.map { Character(UnicodeScalar(UInt8(ascii: "g") + UInt8($0))) } ?? c })
        }
        public static func line(fileId: String, record: Int64) -> String { "\(fileTag(fileId))-\(record)" }
        public static func net(fileId: String, currency: Currency) -> String { "\(fileTag(fileId))-NET-\(currency.code)" }
        public static func missingInFile(kind: LedgerItem.Kind, itemId: String) -> String {
            "MIF-\(kind == .capture ? "C" : "R")-\(itemId)".prefix(64).description
        }
    }
}
