import EventStore
import Foundation
import LedgerDomain
import LibPQ
import Money
import Reconciliation

/// `tradeledger exceptions`, `resolve` and `match`: what operators do with reconciliation
/// exceptions. Listing reads `recon.exceptions`; whether an exception is open is its stream's
/// version (1: raised only), so a `ResolveException` submitted through `submit` shows too.
public struct ExceptionService {
    public let store: EventStore
    public static let noteBytesMax = ResolveException.noteBytesMax

    public init(store: EventStore) { self.store = store }

    public struct Row: Sendable {
        public var exceptionId: String
        public var kind: String
        public var amount: Amount?
        public var itemKind: String?
        public var itemId: String?
        public var paymentId: String?
        public var fileId: String?
        public var record: Int64?
        public var openedOn: CalendarDay
        public var ageDays: Int64
        public var isOpen: Bool
        public var evidence: String
    }

    public struct Filter: Sendable {
        public var openOnly = false
        public var kind: String?
        public var olderThanDays: Int64?
        public init(openOnly: Bool = false, kind: String? = nil, olderThanDays: Int64? = nil) {
            self.openOnly = openOnly
            self.kind = kind
            self.olderThanDays = olderThanDays
        }
    }

    /// Exceptions by opening date then id; age in days as of `today`, by default the database
    /// clock's day (UTC, `DatabaseClock.today`), as the rest of business time: never the
    /// machine's clock, which may be off or in another day than the database's.
    public func list(_ filter: Filter, today: CalendarDay? = nil) throws -> [Row] {
        let today = try today ?? DatabaseClock.today(store.connection)
        let r = try store.connection.execute("""
            SELECT e.exception_id, e.kind, e.amount_minor, e.currency, e.item_kind, e.item_id, e.payment_id, e.file_id, e.record_number,
                   e.opened_on::text, e.evidence, coalesce(s.version, 0)
              FROM recon.exceptions e
              LEFT JOIN ledger.streams s ON s.ledger_id = e.ledger_id AND s.stream_id = 'recon-exception-' || e.exception_id
             WHERE e.ledger_id = $1 AND ($2::text IS NULL OR e.kind = $2::text)
             ORDER BY e.opened_on, e.exception_id
            """, [.text(store.ledgerId), filter.kind.map { .text($0) } ?? .null])
        var rows: [Row] = []
        for i in 0..<r.rowCount {
            let opened = try CalendarDay(parsing: try r.string(i, 9))
            let age = today.daysSinceEpoch - opened.daysSinceEpoch
            let isOpen = try r.int64(i, 11) == 1
            if filter.openOnly && !isOpen { continue }
            if let days = filter.olderThanDays, age <= days { continue }
            let amount: Amount? = try r.optionalInt64(i, 2).flatMap { minor in try r.optionalString(i, 3).flatMap(Currency.init(code:)).map { Amount(minorUnits: minor, currency: $0) } }
            rows.append(Row(exceptionId: try r.string(i, 0), kind: try r.string(i, 1), amount: amount, itemKind: try r.optionalString(i, 4),
                            itemId: try r.optionalString(i, 5), paymentId: try r.optionalString(i, 6), fileId: try r.optionalString(i, 7),
                            record: try r.optionalInt64(i, 8), openedOn: opened, ageDays: age, isOpen: isOpen, evidence: try r.string(i, 10)))
        }
        return rows
    }

    /// `ResolveException` (accept, write-off, adjust), decided against the exception's stream and
    /// appended online. A resolved exception is refused (`already_resolved`); the note goes through
    /// the command decoder (so a card number in it is refused, never echoed). Its business time
    /// (the event's `effectiveAt`, what the period check and `balances --as-of` see) is the
    /// database clock's now, read once, as `submit` decides: never the machine's clock. The
    /// command id carries the same instant.
    public func resolve(exceptionId: String, resolution: String, note: String, amount: String?) throws -> AppendOutcome {
        let now = try DatabaseClock.now(store.connection)
        var fields: [(String, JSONText.Value)] = [
            ("type", .string(ResolveException.typeName)),
            ("commandId", .string(Self.resolveCommandId(exceptionId: exceptionId, at: now))),
            ("exceptionId", .string(exceptionId)), ("resolution", .string(resolution)), ("note", .string(note)),
        ]
        if let amount { fields.append(("amount", .string(amount))) }
        let envelope: CommandEnvelope
        do throws(CommandRejection) {
            envelope = try CommandDecoder.decode(Array(JSONText.encode(.object(fields)).utf8))
        } catch {
            throw AppError.rejected(error.message, underlying: error)
        }
        var state = LedgerState()
        let loader = StateLoader(store: store)
        try loader.load([.stream(StreamID.reconException(exceptionId))], into: &state)
        let decision = try loader.deciding(into: &state) {
            LedgerDomain.decide(envelope, state: $0, context: DecisionContext(now: now, tokenKey: []))
        }
        switch decision {
        case .rejected(let r): throw AppError.rejected(r.message, underlying: r)
        case .needs(let n): throw AppError.rejected("resolving \(exceptionId) needs more of the ledger than could be loaded (\(n.count) stream(s))")
        case .accepted(let pending, let guards): return try append(envelope.commandId, envelope.requestHash, pending, guards: guards)
        }
    }

    /// `resolve-{exceptionId}-at-{time in base 36}`: the letters keep the exception id's record
    /// number and the time apart, so the PAN guard (which joins digits across `-`) never sees one
    /// long digit run in the command id. Joined as decimal digits, a record number and the
    /// microseconds made a 20-odd digit run that now and then passed as a card number.
    static func resolveCommandId(exceptionId: String, at: Timestamp) -> String {
        "resolve-\(exceptionId)-at-\(String(at.microsecondsSinceEpoch, radix: 36))".prefix(128).description
    }

    func append(_ commandId: String, _ requestHash: [UInt8], _ pending: [PendingEvent], guards: [String: Int64] = [:]) throws -> AppendOutcome {
        do {
            return try store.append(AppendRequest(commandId: commandId, requestHash: requestHash, decided: pending, guards: guards))
        } catch let e as EventStoreError {
            if e.code == .versionConflict { throw AppError.rejected("the exception changed meanwhile (resolved by someone else?); nothing appended") }
            throw e
        }
    }
}
