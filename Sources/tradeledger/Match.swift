import ArgumentParser
import TradeLedgerKit

struct Match: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Pair an open missing_in_ledger, ambiguous_match or missing_in_file exception by hand (manual_match): a presentment with a capture, a missing_in_file with its own capture or refund.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The exception id.") var id: String
    @Option(help: "The payment id of the capture (for a missing_in_file, of the item it is about).") var payment: String
    @Option(help: "Why.") var note: String

    func run() throws {
        let config = try global.config()
        let outcome = try runApp { try ExceptionService(store: try config.openStore()).match(exceptionId: id, paymentId: payment, note: note) }
        printOut("matched \(id) with \(payment) (seq \(outcome.seqRange.lowerBound))")
    }
}
