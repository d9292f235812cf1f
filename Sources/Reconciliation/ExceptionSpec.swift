import Crypto
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
    /// mismatch, `MIF-C-{payment id}` / `MIF-R-{payment id}-{refund id}` for an item no file
    /// presented (`missingInFile`).
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
        /// One id per item, never shared: `MIF-C-{payment id}` for a capture and
        /// `MIF-RF-{payment id}-R{refund id}-L{length of the payment id}` for a refund (its id is
        /// unique within its payment only), when that fits in an id (64 characters, a capture's
        /// payment id at most 57). Ids may hold `-`, so the length says where the payment id ends:
        /// read from the end, a refund's id decodes one way only. The letters `R` and `L` keep
        /// the two ids and the length from joining into one digit run (`-` is a separator inside
        /// a card number to the card number guard, which `resolve` and `match` apply to the id an
        /// operator types), and a readable id the guard would still refuse is not used.
        /// Otherwise `MIF-CH-` / `MIF-RH-` and 32 letters a–p, the first 128 bits of the SHA-256
        /// of the item's key (letters only, as `fileTag`).
        ///
        /// No id of one form is an id of another, nor one raised before schema/020 (those stay as
        /// they are, in recon.items.missing_exception): a capture's `MIF-C-{id}`, unchanged, cut at
        /// 64 characters then (a 58-character body, not a readable one now), and a refund's
        /// `MIF-R-{refund id}` (its sixth character `-`; `MIF-RF-` and `MIF-RH-` differ there).
        /// Examples: `MIF-C-PAY7`, `MIF-RF-PAY7-RRF1-L4`.
        public static func missingInFile(_ item: LedgerItem.Key) -> String {
            let readable: String
            switch item.kind {
            case .capture: readable = "MIF-C-\(item.paymentId)"
            case .refund: readable = "MIF-RF-\(item.paymentId)-R\(item.itemId)-L\(item.paymentId.utf8.count)"
            }
            let fits = readable.utf8.count <= (item.kind == .capture ? Identifier.idBytesMax - 1 : Identifier.idBytesMax)
            if fits && !PANDetector.containsCardNumber(readable) { return readable }
            let digest = SHA256.hash(data: Array("\(item.kind.rawValue)\u{0}\(item.paymentId)\u{0}\(item.itemId)".utf8))
            let letters = digest.prefix(16).flatMap { [$0 >> 4, $0 & 0x0F] }.map { Character(UnicodeScalar(UInt8(ascii: "a") + $0)) }
            return "MIF-\(item.kind == .capture ? "CH" : "RH")-" + String(letters)
        }
    }
}
