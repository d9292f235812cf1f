import ArgumentParser
import TradeLedgerKit

struct Visa: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "visa", abstract: "Visa settlement files (BASE II).", subcommands: [Inspect.self])

    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate and summarise a settlement file: counts per TC, totals per currency, VSS-110 lines; exit 1 with located errors when invalid.")
        @Argument(help: "The settlement file (fixed-block or one 168-byte record per line).") var file: String
        @Flag(help: "Print one JSON document.") var json = false

        func run() throws {
            let inspection = try runApp { try VisaService.inspect(path: file) }
            printOut(json ? inspection.json : inspection.text)
            if inspection.file == nil { throw ExitCode(1) }
        }
    }
}
