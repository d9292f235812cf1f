import ArgumentParser
import Foundation
import TradeLedgerKit

struct Exceptions: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List reconciliation exceptions: id, kind, amount, item, file and record, opened, age, evidence.")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Only open exceptions.") var open = false
    @Option(help: "Only this kind (e.g. amount_mismatch).") var kind: String?
    @Option(name: .customLong("older-than"), help: "Only exceptions older than DAYS.") var olderThan: Int64?
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Print CSV.") var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("--json and --csv exclude each other") }
    }

    func run() throws {
        let config = try global.config()
        let out = try runApp { () throws -> String in
            let service = ExceptionService(store: try config.openStore())
            let rows = try service.list(.init(openOnly: open, kind: kind, olderThanDays: olderThan))
            return json ? ExceptionService.json(rows) : csv ? ExceptionService.csv(rows) : ExceptionService.table(rows)
        }
        printOut(out)
    }
}

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
