import ArgumentParser
import TradeLedgerKit

struct Resolve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Resolve an open exception (clears recon/suspense with a posting); a resolved one is refused (exit 1).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The exception id.") var id: String
    @Option(help: "accept | write-off | adjust") var resolution: String
    @Option(help: "Why.") var note: String
    @Option(help: "The amount of an adjust, in the exception's currency.") var amount: String?

    func run() throws {
        let config = try global.config()
        let outcome = try runApp { try ExceptionService(store: try config.openStore()).resolve(exceptionId: id, resolution: resolution, note: note, amount: amount) }
        printOut("resolved \(id) (seq \(outcome.seqRange.lowerBound))")
    }
}
