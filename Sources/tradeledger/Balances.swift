import ArgumentParser
import TradeLedgerKit

struct Balances: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Balances per account and currency (debits − credits), optionally as of a business time.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Only accounts starting with this path, e.g. merchant/M1/.") var account: String?
    @Option(help: "RFC 3339 business time, e.g. 2026-05-15T23:59:59Z.") var asOf: String?
    func run() throws {
        let config = try global.config()
        let asOfTime = try validating { () throws(AppError) in try CommandArguments.asOfTime(asOf) }
        let text = try runApp {
            try ProjectionService(store: try config.openStore()).balancesOutput(prefix: account, asOf: asOfTime, format: output.format)
        }
        printOut(text)
    }
}
