import ArgumentParser
import TradeLedgerKit

struct TrialBalance: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "trial-balance", abstract: "Debits, credits and net per currency (net is zero in a sound ledger).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    func run() throws {
        let config = try global.config()
        printOut(try runApp { try ProjectionService(store: try config.openStore()).trialBalanceOutput(format: output.format) })
    }
}
