import LedgerDomain
import LibPQ

/// Balances per account and currency (debits and credits apart), and the journal of every
/// event that posts, with its business time, for the as-of queries: one row per event, its
/// postings as arrays in posting order (schema/016). Postings are re-checked to balance (the pair
/// of the check at decision).
struct BalancesProjection: Projection {
    struct Key: Hashable { var account: String; var currency: String }
    struct Sums { var debits: Int64 = 0; var credits: Int64 = 0 }
    /// One journal row: an event's postings, in order.
    struct JournalRow { var seq: Int64; var effectiveAt: Int64; var postings: [Posting] }

    static let name = ProjectionName.balances
    static let tables = ["proj.journal", "proj.balances"]

    let keepJournal: Bool
    var journal: [JournalRow] = []
    var balances: [Key: Sums] = [:]
    var events = 0

    init(keepJournal: Bool) { self.keepJournal = keepJournal }

    mutating func add(seq: Int64, event: DomainEvent) throws {
        let postings = event.postings
        do { try Postings.checkBalanced(postings) } catch {
            throw ProjectionError("event at seq \(seq) (\(event.eventType)) has unbalanced postings: \(error)", projection: Self.name, seq: seq)
        }
        for p in postings {
            let key = Key(account: p.account, currency: p.currency.code)
            if p.amountMinor >= 0 { balances[key, default: Sums()].debits += p.amountMinor } else { balances[key, default: Sums()].credits -= p.amountMinor }
        }
        if keepJournal && !postings.isEmpty {
            journal.append(JournalRow(seq: seq, effectiveAt: event.effectiveAt.microsecondsSinceEpoch, postings: postings))
        }
    }
}
