import ArgumentParser
import TradeLedgerKit

struct Match: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Pair an open missing_in_ledger, ambiguous_match or missing_in_file exception with a capture by hand (manual_match).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The exception id.") var id: String
    @Option(help: "The payment id of the capture.") var payment: String
    @Option(help: "Why.") var note: String

    func run() throws {
        let config = try global.config()
        let outcome = try runApp { try ExceptionService(store: try config.openStore()).match(exceptionId: id, paymentId: payment, note: note) }
        printOut("matched \(id) with \(payment) (seq \(outcome.seqRange.lowerBound))")
    }
}
