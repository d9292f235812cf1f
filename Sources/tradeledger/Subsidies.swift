import ArgumentParser
import TradeLedgerKit

struct Subsidies: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Budget, granted, reversed, remaining, claimed, funded per programme.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Only this programme.") var program: String?
    func run() throws {
        let config = try global.config()
        printOut(try runApp { try ProjectionService(store: try config.openStore()).subsidiesOutput(programId: program, format: output.format) })
    }
}
