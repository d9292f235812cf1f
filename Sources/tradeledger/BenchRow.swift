import ArgumentParser
import TradeLedgerKit

/// `tradeledger dev bench-row NAME`: one benchmark row in this process; prints one JSON line.
struct BenchRow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-row",
        abstract: "One ops/bench row in this process, on its database on the cluster of --admin-url; prints one JSON line.")
    @Argument var name: String
    @Option var adminURL: String
    @Option var count: Int
    @Option var clients: Int = 8
    @Option var schemaDir: String = SchemaService.defaultDirectory

    func run() throws {
        let rows = try runApp { try Bench.rows(named: name, adminURL: adminURL, count: count, clients: clients, schemaDirectory: schemaDir) }
        for row in rows { printOut(try row.jsonLine) }
    }
}
