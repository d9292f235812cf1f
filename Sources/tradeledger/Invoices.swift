import ArgumentParser
import TradeLedgerKit

struct Invoices: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Invoices as they stood at the end of a day (UTC): amounts and status.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Only invoices with this status as of the day.") var status: ProjectionService.InvoiceStatus?
    @Option(help: "YYYY-MM-DD: amounts and status as of the end of that day, UTC; invoices issued later are not listed (default: today, by the database's clock).") var asOf: String?
    func run() throws {
        let config = try global.config()
        let day = try validating { () throws(AppError) in try CommandArguments.asOfDay(asOf) }
        printOut(try runApp { try ProjectionService(store: try config.openStore()).invoicesOutput(id: nil, status: status, asOf: day, format: output.format) })
    }
}
