import ArgumentParser
import TradeLedgerKit

struct TradeLedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tradeledger",
        abstract: "An event-sourced ledger for cross-border B2B trade.",
        discussion: "Exit codes: 0 success, 1 some commands or records rejected, 2 usage or configuration error, 3 database unreachable, 4 verification failed. --database-url and --ledger go before or after the subcommand. Developer hooks for tests and ops/bench, not for operators, are under `tradeledger dev --help`.",
        version: TradeLedgerVersion.string,
        subcommands: [DB.self, Generate.self, Submit.self, ProjectionsCommand.self, Balances.self, TrialBalance.self, Invoices.self, InvoiceCommand.self, Subsidies.self, PeriodCommand.self, Settle.self, Verify.self, SealCommand.self, Visa.self, Reconcile.self, Exceptions.self, Resolve.self, Match.self, Dev.self]
    )
}
