import EventStore
import LedgerDomain
import LibPQ

/// `verify`, projection part: replays the log into memory up to each projection's checkpoint
/// and compares fingerprints with the stored live generation; checks that the trial balance is
/// zero per currency (replayed and stored) and that the stored journal sums to the stored
/// balances. Throws a `ProjectionError` naming what differs.
public struct ProjectionVerifier {
    public let store: EventStore
    public init(store: EventStore) { self.store = store }

    public struct Report: Sendable {
        public var fingerprints: [ProjectionName: String] = [:]
        public var checkpointSeqs: [ProjectionName: Int64] = [:]
        public var currencies = 0
    }

    public func run() throws -> Report {
        let runner = ProjectionRunner(store: store)
        var report = Report()
        let statuses = try runner.status()
        var deltas: [ProjectionName: PageDelta] = [:]
        for s in statuses { report.checkpointSeqs[s.projection] = s.checkpointSeq; deltas[s.projection] = PageDelta(s.projection, keepJournal: false) }
        var reader = try LedgerReader(store: store)
        var totals: [String: Int64] = [:]
        while true {
            let page = try reader.next()
            if page.isEmpty { break }
            for e in page {
                let event = try PageApplier.decode(e)
                for p in ProjectionName.allCases where e.seq <= report.checkpointSeqs[p]! { try deltas[p]!.add(seq: e.seq, event: event) }
                for posting in event.postings { totals[posting.currency.code, default: 0] += posting.amountMinor }
            }
        }
        for (currency, sum) in totals where sum != 0 {
            throw ProjectionError("trial balance of the log is not zero in \(currency): \(sum) minor units")
        }
        report.currencies = totals.count
        for p in ProjectionName.allCases {
            let generation = try runner.liveGeneration(p, create: false)
            let stored = try ProjectionFingerprint.stored(store.connection, ledger: store.ledgerId, projection: p, generation: generation)
            let replayed = ProjectionFingerprint.replayed(deltas[p]!)
            guard stored == replayed else {
                throw ProjectionError("projection \(p.rawValue) at seq \(report.checkpointSeqs[p]!) differs from a replay of the log (stored \(stored.prefix(12))…, replayed \(replayed.prefix(12))…); rebuild it")
            }
            report.fingerprints[p] = stored
        }
        let queries = ProjectionQueries(connection: store.connection, ledgerId: store.ledgerId)
        for t in try queries.trialBalance() where t.net != 0 {
            throw ProjectionError("stored trial balance is not zero in \(t.currency.code): net \(t.net) minor units")
        }
        let mismatch = try store.connection.execute("""
            SELECT count(*) FROM (
              SELECT account, currency, sum(greatest(amount_minor, 0)) AS d, sum(greatest(-amount_minor, 0)) AS c
                FROM proj.journal WHERE ledger_id = $1 AND generation = $2 GROUP BY 1, 2) j
              FULL JOIN (SELECT account, currency, debits_minor, credits_minor FROM proj.balances WHERE ledger_id = $1 AND generation = $2) b
                USING (account, currency)
             WHERE j.d IS DISTINCT FROM b.debits_minor OR j.c IS DISTINCT FROM b.credits_minor
            """, [.text(store.ledgerId), .int8(try runner.liveGeneration(.balances, create: false))]).int64(0, 0)
        if mismatch > 0 {
            throw ProjectionError("the balances journal disagrees with the running balances on \(mismatch) account(s); rebuild balances",
                                  projection: .balances)
        }
        try checkInvoiceJournal(generation: try runner.liveGeneration(.invoices, create: false))
        return report
    }

    /// The invoices journal, summed per invoice, must equal the invoice rows (what the as-of
    /// queries read must agree with what the fingerprint covers).
    func checkInvoiceJournal(generation: Int64) throws {
        let r = try store.connection.execute("""
            SELECT count(*), min(coalesce(i.invoice_id, j.invoice_id)) FROM (
              SELECT invoice_id, sum(total_minor) AS t, sum(paid_minor) AS p, sum(credited_minor) AS c, sum(refunded_minor) AS r
                FROM proj.invoice_journal WHERE ledger_id = $1 AND generation = $2 GROUP BY 1) j
              FULL JOIN (SELECT invoice_id, total_minor, paid_minor, credited_minor, refunded_minor
                           FROM proj.invoices WHERE ledger_id = $1 AND generation = $2) i USING (invoice_id)
             WHERE j.t IS DISTINCT FROM i.total_minor OR j.p IS DISTINCT FROM i.paid_minor
                OR j.c IS DISTINCT FROM i.credited_minor OR j.r IS DISTINCT FROM i.refunded_minor
            """, [.text(store.ledgerId), .int8(generation)])
        let mismatch = try r.int64(0, 0)
        if mismatch > 0 {
            throw ProjectionError("the invoices journal disagrees with the invoice rows on \(mismatch) invoice(s) (first \(try r.string(0, 1))); rebuild invoices",
                                  projection: .invoices)
        }
    }
}
