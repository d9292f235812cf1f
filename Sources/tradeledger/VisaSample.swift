import ArgumentParser
import TradeLedgerKit

/// `tradeledger dev visa-sample`: a generated settlement file for demos and benchmarks.
struct VisaSample: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "visa-sample",
        abstract: "Write a generated Visa settlement file (demos and benchmarks).")
    @Option var drafts: Int = 100
    @Option var seed: UInt64 = 1
    @Option var out: String
    func run() throws { try runApp { try VisaService.writeSample(drafts: drafts, seed: seed, path: out) } }
}
