import ArgumentParser
import Foundation
import LibPQ
import TradeLedgerKit

/// `tradeledger dev bench-row NAME`: one benchmark row in this process; prints one JSON line.
struct BenchRow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-row")
    @Argument var name: String
    @Option var adminURL: String
    @Option var count: Int
    @Option var clients: Int = 8
    @Option var schemaDir: String = SchemaService.defaultDirectory

    func run() throws {
        // `rebuild-X` measures on the database that `rebuild-setup-X` filled in an earlier process.
        // Likewise `settle-X` on the database of `settle-setup-X`, and `reconcile-X` on the ledger
        // that `reconcile-setup-X` submitted.
        let database = "bench_" + name.replacingOccurrences(of: "rebuild-setup-", with: "rebuild-")
            .replacingOccurrences(of: "settle-setup-", with: "settle-")
            .replacingOccurrences(of: "reconcile-setup-", with: "reconcile-").replacingOccurrences(of: "-", with: "_")
        let url = try runApp { () throws -> String in
            if (name.hasPrefix("rebuild-") && !name.hasPrefix("rebuild-setup-")) || (name.hasPrefix("settle-") && !name.hasPrefix("settle-setup-"))
                || (name.hasPrefix("reconcile-") && !name.hasPrefix("reconcile-setup-")) {
                return PGConnectionURI.replacingDatabase(in: adminURL, with: database)
            }
            return try Bench.freshDatabase(adminURL: adminURL, name: database, schemaDirectory: schemaDir)
        }
        let rows: [Bench.Row] = try runApp {
            if name.hasPrefix("submit-bulk-") {
                return try Bench.submitRows(url: url, commands: count, label: String(name.dropFirst("submit-bulk-".count)))
            }
            if name.hasPrefix("rebuild-setup-") { try Bench.rebuildSetup(url: url, events: count); return [] }
            if name.hasPrefix("settle-setup-") { try Bench.settleSetup(url: url, merchants: count); return [] }
            if name.hasPrefix("settle-") { return try Bench.settleRows(url: url, label: String(name.dropFirst("settle-".count))) }
            if name.hasPrefix("rebuild-") { return try Bench.rebuildRows(url: url, label: String(name.dropFirst("rebuild-".count))) }
            if name.hasPrefix("reconcile-setup-") { try Bench.reconcileSetup(url: url, records: count); return [] }
            if name.hasPrefix("reconcile-") {
                return try Bench.reconcileRows(url: url, records: count, label: String(name.dropFirst("reconcile-".count)))
            }
            let (n, seconds) = try Bench.runRow(name, url: url, count: count, clients: clients)
            return [Bench.Row(name: name, throughput: Double(n) / seconds, unit: "events/s", peakRssBytes: Bench.peakRSSBytes(),
                              count: n, seconds: seconds)]
        }
        for row in rows { printOut(String(decoding: try JSONEncoder().encode(row), as: UTF8.self)) }
    }
}
