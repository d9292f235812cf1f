import ArgumentParser
import TradeLedgerKit

/// `tradeledger period close --through D`: closes the ledger through a date.
struct PeriodCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "period", abstract: "Close accounting periods.", subcommands: [Close.self])

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close the ledger through a date: afterwards a submitted command whose `at` falls on or before the end of that day (UTC) is rejected (period_closed).",
            discussion: "Only a day that has ended by the database clock can be closed (exit 1 otherwise). Closing a date on or before the latest closed one changes nothing (exit 0). A submit running meanwhile respects the close from its next append on.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The last day of the period, YYYY-MM-DD (UTC).") var through: String
        @Flag(help: "Print the outcome as one JSON object.") var json = false

        func validate() throws {
            _ = try validating { () throws(AppError) in try CommandArguments.closingDay(through) }
        }

        func run() throws {
            let day = try validating { () throws(AppError) in try CommandArguments.closingDay(through) }
            let config = try global.config()
            let outcome = try runApp { try PeriodService(store: try config.openStore()).close(through: day) }
            switch outcome {
            case .closed(let closed, let seq):
                printOut(json ? JSONText.encode(.object([("status", .string("closed")), ("through", .string(closed.text)), ("seq", .int(seq))]))
                              : "closed through \(closed.text) (seq \(seq))")
            case .alreadyClosed(let latest):
                printOut(json ? JSONText.encode(.object([("status", .string("already_closed")), ("through", .string(latest.text))]))
                              : "already closed through \(latest.text): nothing appended")
            }
        }
    }
}
