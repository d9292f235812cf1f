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
        let (n, seconds) = try runApp { try Bench.runRow(name, url: url, count: count, clients: clients) }
        let row = Bench.Row(name: name, throughput: Double(n) / seconds, unit: "events/s", peakRssBytes: Bench.peakRSSBytes(),
                            count: n, seconds: seconds)
        let data = try JSONEncoder().encode(row)
        printOut(String(decoding: data, as: UTF8.self))
    }
}
