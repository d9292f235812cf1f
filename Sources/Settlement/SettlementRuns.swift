import LibPQ
import Money

/// The `settle.runs` table (schema/012): one row per ledger and settlement date.
public struct SettlementRuns {
    public let connection: PGConnection
    public let ledgerId: String

    public init(connection: PGConnection, ledgerId: String) {
        self.connection = connection
        self.ledgerId = ledgerId
    }

    /// The latest date a run was started for (nil: never settled).
    public func latestDate() throws -> CalendarDay? {
        let r = try connection.execute("SELECT max(settlement_date)::text FROM settle.runs WHERE ledger_id = $1", [.text(ledgerId)])
        guard let text = try r.optionalString(0, 0) else { return nil }
        return try CalendarDay(parsing: text)
    }

    /// Whether a run of `date` was ever started.
    public func hasRun(_ date: CalendarDay) throws -> Bool {
        try connection.execute("SELECT 1 FROM settle.runs WHERE ledger_id = $1 AND settlement_date = $2::date",
                               [.text(ledgerId), .text(date.text)]).rowCount == 1
    }

    /// Records that a run of `date` starts (again). Refused, returning the later date, when a
    /// later date has been settled; nil when recorded.
    public func begin(_ date: CalendarDay, manifestHash: String, payouts: Int, claims: Int) throws -> CalendarDay? {
        let r = try connection.execute("""
            INSERT INTO settle.runs (ledger_id, settlement_date, manifest_hash, payouts, claims)
            SELECT $1, $2::date, $3, $4, $5
             WHERE NOT EXISTS (SELECT 1 FROM settle.runs WHERE ledger_id = $1 AND settlement_date > $2::date)
            ON CONFLICT (ledger_id, settlement_date) DO UPDATE
               SET manifest_hash = EXCLUDED.manifest_hash, payouts = EXCLUDED.payouts, claims = EXCLUDED.claims,
                   started_at = now(), completed_at = NULL
            RETURNING 1
            """, [.text(ledgerId), .text(date.text), .text(manifestHash), .int8(Int64(payouts)), .int8(Int64(claims))])
        if r.rowCount == 1 { return nil }
        return try latestDate()
    }

    /// Marks the run of `date` complete.
    public func complete(_ date: CalendarDay) throws {
        _ = try connection.execute("UPDATE settle.runs SET completed_at = now() WHERE ledger_id = $1 AND settlement_date = $2::date",
                                   [.text(ledgerId), .text(date.text)])
    }
}
