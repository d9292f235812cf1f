import ArgumentParser
import Foundation
import TradeLedgerKit
import VisaSettlement

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

/// `tradeledger dev visa-sample`: a generated settlement file for demos and benchmarks.
struct VisaSample: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "visa-sample")
    @Option var drafts: Int = 100
    @Option var seed: UInt64 = 1
    @Option var out: String
    func run() throws { try runApp { try VisaService.writeSample(drafts: drafts, seed: seed, path: out) } }
}
