import LibPQ

/// A rebuild's running balances, kept in memory while its pages write only the balances journal.
/// Written into the new generation once, by `switchOver`, under the lock of the balances progress
/// row, before the generation is compared and switched.
///
/// Why: every page moved about 3,000 running balances again with an upsert (17–19 µs each by
/// hand), more than half of what the writer's connection did once the journal had one row per
/// event. The balances are bounded by the ledger's accounts (11.6k at 714k events), not its
/// events.
///
/// When the sums are right: only when this process applied every page of the generation's
/// balances from seq 0 on, one after another (`add` checks each page starts where the last one
/// ended). A resumed rebuild, a page written the plain way (projections at different seqs), or
/// a page that another rebuild of the same projection wrote meanwhile make them unknown; then
/// `write` sums the generation's journal instead, which holds every event through the progress
/// row because each page's journal rows commit with it. Either way `write` replaces whatever
/// balances rows the generation had, so rows an earlier run or the plain way left are not
/// counted twice.
final class DeferredBalances {
    private var sums: [BalancesProjection.Key: BalancesProjection.Sums] = [:]
    /// The seq through which `sums` holds every event, when `known`.
    private(set) var through: Int64
    private(set) var known: Bool

    /// `progress`: the balances rebuild's progress when this process started (0: a fresh rebuild).
    init(progress: Int64) {
        through = progress
        known = progress == 0
    }

    /// Sums unknown: `write` reads the journal.
    static var unknown: DeferredBalances {
        let d = DeferredBalances(progress: 0)
        d.forget()
        return d
    }

    func forget() {
        known = false
        sums = [:]
    }

    /// A page's balances, once its journal and progress are written (in the transaction that
    /// commits them: if the commit fails, the rebuild fails and these sums go with it).
    func add(_ delta: BalancesProjection, from start: Int64, to last: Int64) throws {
        guard known, start == through else { return forget() }
        for (key, s) in delta.balances {
            var total = sums[key, default: BalancesProjection.Sums()]
            let d = total.debits.addingReportingOverflow(s.debits), c = total.credits.addingReportingOverflow(s.credits)
            guard !d.overflow, !c.overflow else {
                throw ProjectionError("the running balance of \(key.account) in \(key.currency) overflows 64 bits by seq \(last)",
                                      projection: .balances, seq: last)
            }
            total.debits = d.partialValue
            total.credits = c.partialValue
            sums[key] = total
        }
        through = last
    }

    /// Replaces the generation's balances rows by the balances through `progress` (the locked
    /// progress row's seq), from memory when the sums are known through it, else from the journal.
    func write(_ c: PGConnection, ledger: String, generation: Int64, progress: Int64) throws {
        try c.execute("DELETE FROM proj.balances WHERE ledger_id = $1 AND generation = $2", [.text(ledger), .int8(generation)])
        if known && through == progress {
            guard !sums.isEmpty else { return }
            let keys = Array(sums.keys)
            try c.execute("""
                INSERT INTO proj.balances (ledger_id, generation, account, currency, debits_minor, credits_minor)
                SELECT $1, $2, u.a, u.c, u.d, u.k FROM unnest($3::text[], $4::text[], $5::int8[], $6::int8[]) AS u(a, c, d, k)
                """, [.text(ledger), .int8(generation), .textArray(keys.map(\.account)), .textArray(keys.map(\.currency)),
                      .int8Array(keys.map { sums[$0]!.debits }), .int8Array(keys.map { sums[$0]!.credits })])
        } else {
            // As the fold sums them: a posting of 0 or more is a debit, a negative one a credit.
            try c.execute("""
                INSERT INTO proj.balances (ledger_id, generation, account, currency, debits_minor, credits_minor)
                SELECT $1, $2, p.account, p.currency,
                       coalesce(sum(p.amount_minor) FILTER (WHERE p.amount_minor >= 0), 0)::int8,
                       coalesce(-sum(p.amount_minor) FILTER (WHERE p.amount_minor < 0), 0)::int8
                  FROM proj.journal j, unnest(j.accounts, j.currencies, j.amounts) AS p(account, currency, amount_minor)
                 WHERE j.ledger_id = $1 AND j.generation = $2
                 GROUP BY p.account, p.currency
                """, [.text(ledger), .int8(generation)])
        }
    }
}
