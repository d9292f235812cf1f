import LibPQ

/// `bulk-rows`: the floor under `bulk-append`. On the database that `bulk-append` filled, the
/// rows the bulk path writes per event (the staged row, the event, its stream row and its
/// command row: the synthetic workload has one event per stream and per command) are copied
/// server-side into tables of the same shapes and indexes, with no check, no hash and no client
/// at all. Two rows: `events-rows`, the events alone (the baseline, as raw COPY is for
/// `bulk-append`), and `bulk-rows`, all four. Their ratio is what the rows alone allow the bulk
/// path; the rest of `bulk-append`'s distance to raw COPY is the checks and the client.
extension Bench {
    public static func bulkRowsRows(url: String) throws -> [Row] {
        let conn = try PGConnection(url)
        try conn.executeScript("""
            DROP TABLE IF EXISTS public.floor_events, public.floor_streams, public.floor_commands;
            CREATE TABLE public.floor_events (LIKE ledger.events INCLUDING ALL);
            CREATE TABLE public.floor_streams (LIKE ledger.streams INCLUDING ALL);
            CREATE TABLE public.floor_commands (LIKE ledger.commands INCLUDING ALL);
            CREATE TEMP TABLE floor_stage AS SELECT * FROM ledger.events LIMIT 0;
            """)
        defer { try? conn.executeScript("DROP TABLE IF EXISTS public.floor_events, public.floor_streams, public.floor_commands") }
        let events = Int(try conn.execute("SELECT count(*) FROM ledger.events").int64(0, 0))
        guard events > 0 else { throw AppError.usage("bulk-rows measures on the database of bulk-append: run that row first") }
        func timed(_ sql: String) throws -> Double {
            let start = Clock.monotonicSeconds()
            try conn.executeScript(sql)
            return Clock.monotonicSeconds() - start
        }
        let eventSeconds = try timed("INSERT INTO public.floor_events SELECT * FROM ledger.events")
        let otherSeconds = try timed("INSERT INTO floor_stage SELECT * FROM ledger.events")
            + (try timed("INSERT INTO public.floor_streams SELECT * FROM ledger.streams"))
            + (try timed("INSERT INTO public.floor_commands SELECT * FROM ledger.commands"))
        let rss = peakRSSBytes()
        return [
            Row(name: "events-rows", throughput: Double(events) / eventSeconds, unit: "events/s", peakRssBytes: rss, count: events,
                seconds: eventSeconds),
            Row(name: "bulk-rows", throughput: Double(events) / (eventSeconds + otherSeconds), unit: "events/s", peakRssBytes: rss,
                count: events, seconds: eventSeconds + otherSeconds),
        ]
    }
}

/// `rebuild-rows-X`: the floor under `rebuild-X`. On the database that `rebuild-setup-X` filled
/// (after `rebuild-X`, so one generation of each projection is left), the rows a rebuild writes
/// into its new generation (the balances journal, one row per posting; the invoice journal; the
/// balances, invoices and subsidy rows) are copied server-side, in one transaction, into tables
/// of the same shapes and indexes: no log read, no decoding, no folding, no client (writing the
/// same rows by binary COPY from the client, as a rebuild does, took longer: 1.60 s against
/// 1.45 s at 151k events on 2026-12-02). Compared with the COPY-out of
/// the same events (`copy-out-X`, the rebuild's baseline), it is what the rows alone allow a
/// rebuild.
extension Bench {
    static let projectionTables = ["proj.journal", "proj.balances", "proj.invoice_journal", "proj.invoices",
                                   "proj.subsidy_programs", "proj.subsidy_merchants"]

    public static func rebuildRowsRows(url: String, label: String) throws -> [Row] {
        let conn = try PGConnection(url)
        let floors = projectionTables.map { "public.floor_" + $0.dropFirst("proj.".count) }
        let drop = "DROP TABLE IF EXISTS " + floors.joined(separator: ", ")
        try conn.executeScript(drop + ";\n" + zip(projectionTables, floors).map { "CREATE TABLE \($1) (LIKE \($0) INCLUDING ALL);" }.joined(separator: "\n"))
        defer { try? conn.executeScript(drop) }
        let events = Int(try conn.execute("SELECT count(*) FROM ledger.events WHERE ledger_id = 'main'").int64(0, 0))
        guard events > 0 else { throw AppError.usage("rebuild-rows-\(label) measures on the database of rebuild-setup-\(label): run that row first") }
        let start = Clock.monotonicSeconds()
        try conn.withTransaction { c in
            for (table, floor) in zip(projectionTables, floors) { try c.executeScript("INSERT INTO \(floor) SELECT * FROM \(table) WHERE ledger_id = 'main'") }
        }
        let seconds = Clock.monotonicSeconds() - start
        return [Row(name: "rebuild-rows-\(label)", throughput: Double(events) / seconds, unit: "events/s", peakRssBytes: peakRSSBytes(),
                    count: events, seconds: seconds)]
    }
}
