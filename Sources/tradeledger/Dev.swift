import ArgumentParser
import TradeLedgerKit

/// Developer and test hooks, hidden from --help.
struct Dev: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dev", abstract: "Developer hooks (crash tests, benchmarks).",
                                                    shouldDisplay: false, subcommands: [AppendSynthetic.self, BenchRow.self, VisaSample.self])

    struct AppendSynthetic: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "append-synthetic",
            abstract: "Bulk-append N synthetic commands in chunks (crash and idempotency tests).")
        @OptionGroup var global: GlobalOptions
        @Option var commands: Int
        @Option var chunkEvents: Int = 20_000
        func run() throws {
            let config = try global.config()
            let n = try runApp { try SyntheticAppender(config: config, commands: commands, chunkEvents: chunkEvents).run() }
            printOut("appended \(n)")
        }
    }
}
