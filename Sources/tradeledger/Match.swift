import ArgumentParser
import TradeLedgerKit

struct Match: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Pair an open missing_in_ledger, ambiguous_match or missing_in_file exception by hand (manual_match): a presentment with a capture (or with --refund, a refund presentment with a refund), a missing_in_file with its own capture or refund.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The exception id.") var id: String
    @Option(help: "The payment id of the capture (for a missing_in_file, of the item it is about).") var payment: String
    @Option(help: "A refund of that payment: pairs a parked refund presentment (TC 06) with it.") var refund: String?
    @Option(help: "Why.") var note: String

    func run() throws {
        let config = try global.config()
        let outcome = try runApp { try ExceptionService(store: try config.openStore()).match(exceptionId: id, paymentId: payment, refundId: refund, note: note) }
        printOut("matched \(id) with \(refund.map { "refund \($0) of payment \(payment)" } ?? payment) (seq \(outcome.seqRange.lowerBound))")
    }
}
