import ArgumentParser
import TradeLedgerKit

struct InvoiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "invoice", abstract: "One invoice, as it stood at the end of a day (UTC).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument var id: String
    @Option(help: "YYYY-MM-DD: amounts and status as of the end of that day, UTC (default: today, by the database's clock).") var asOf: String?
    func run() throws {
        let config = try global.config()
        let day = try validating { () throws(AppError) in try CommandArguments.asOfDay(asOf) }
        printOut(try runApp { try ProjectionService(store: try config.openStore()).invoicesOutput(id: id, status: nil, asOf: day, format: output.format) })
    }
}
