import Foundation
import LibPQ

/// `tradeledger dev bench-row NAME`: which row NAME is, on which database it runs, and its rows.
extension Bench {
    /// Runs the row named `name` (one process each, so peak RSS is the row's own) and returns its
    /// result rows; a `*-setup-*` row fills its database and returns none.
    public static func rows(named name: String, adminURL: String, count: Int, clients: Int, schemaDirectory: String) throws -> [Row] {
        let url = try database(forRow: name, adminURL: adminURL, schemaDirectory: schemaDirectory)
        if name.hasPrefix("submit-bulk-") {
            return try submitRows(url: url, commands: count, label: String(name.dropFirst("submit-bulk-".count)))
        }
        if name == "bulk-rows" { return try bulkRowsRows(url: url) }
        if name.hasPrefix("rebuild-rows-") { return try rebuildRowsRows(url: url, label: String(name.dropFirst("rebuild-rows-".count))) }
        if name.hasPrefix("rebuild-setup-") { try rebuildSetup(url: url, events: count); return [] }
        if name.hasPrefix("settle-setup-") { try settleSetup(url: url, merchants: count); return [] }
        if name.hasPrefix("settle-") { return try settleRows(url: url, label: String(name.dropFirst("settle-".count))) }
        if name.hasPrefix("rebuild-") { return try rebuildRows(url: url, label: String(name.dropFirst("rebuild-".count))) }
        if name.hasPrefix("reconcile-setup-") { try reconcileSetup(url: url, records: count); return [] }
        if name.hasPrefix("reconcile-") {
            return try reconcileRows(url: url, records: count, label: String(name.dropFirst("reconcile-".count)))
        }
        let (n, seconds) = try runRow(name, url: url, count: count, clients: clients)
        return [Row(name: name, throughput: Double(n) / seconds, unit: "events/s", peakRssBytes: peakRSSBytes(), count: n, seconds: seconds)]
    }

    /// The database of a row: `rebuild-X` measures on the database that `rebuild-setup-X` filled in
    /// an earlier process; likewise `settle-X` on that of `settle-setup-X`, and `reconcile-X` on the
    /// ledger that `reconcile-setup-X` submitted; `bulk-rows` on the log `bulk-append` wrote, and `rebuild-rows-X` on the database of `rebuild-setup-X`.
    /// Every other row gets a fresh migrated database.
    static func database(forRow name: String, adminURL: String, schemaDirectory: String) throws -> String {
        let database = "bench_" + name.replacingOccurrences(of: "rebuild-setup-", with: "rebuild-")
            .replacingOccurrences(of: "settle-setup-", with: "settle-")
            .replacingOccurrences(of: "reconcile-setup-", with: "reconcile-").replacingOccurrences(of: "-", with: "_")
        if name == "bulk-rows" { return PGConnectionURI.replacingDatabase(in: adminURL, with: "bench_bulk_append") }
        if name.hasPrefix("rebuild-rows-") {
            return PGConnectionURI.replacingDatabase(in: adminURL, with: "bench_rebuild_" + name.dropFirst("rebuild-rows-".count))
        }
        let measuresEarlierSetup = ["rebuild-", "settle-", "reconcile-"].contains { name.hasPrefix($0) && !name.hasPrefix($0 + "setup-") }
        if measuresEarlierSetup { return PGConnectionURI.replacingDatabase(in: adminURL, with: database) }
        return try freshDatabase(adminURL: adminURL, name: database, schemaDirectory: schemaDirectory)
    }
}

extension Bench.Row {
    /// The row as the one JSON line `ops/bench` reads.
    public var jsonLine: String {
        get throws { String(decoding: try JSONEncoder().encode(self), as: UTF8.self) }
    }
}
