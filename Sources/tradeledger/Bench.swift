import ArgumentParser
import Foundation
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
        let url = try runApp {
            try Bench.freshDatabase(adminURL: adminURL, name: "bench_" + name.replacingOccurrences(of: "-", with: "_"), schemaDirectory: schemaDir)
        }
        let rows: [Bench.Row] = try runApp {
            if name.hasPrefix("submit-bulk-") {
                return try Bench.submitRows(url: url, commands: count, label: String(name.dropFirst("submit-bulk-".count)))
            }
            if name == "rebuild" { return try Bench.rebuildRows(url: url, events: count) }
            let (n, seconds) = try Bench.runRow(name, url: url, count: count, clients: clients)
            return [Bench.Row(name: name, throughput: Double(n) / seconds, unit: "events/s", peakRssBytes: Bench.peakRSSBytes(),
                              count: n, seconds: seconds)]
        }
        for row in rows { printOut(String(decoding: try JSONEncoder().encode(row), as: UTF8.self)) }
    }
}
