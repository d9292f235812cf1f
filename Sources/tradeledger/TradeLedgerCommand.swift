import ArgumentParser
import Foundation
import LibPQ
import TradeLedgerKit

struct TradeLedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tradeledger",
        abstract: "An event-sourced ledger for cross-border B2B trade.",
        discussion: "Exit codes: 0 success, 1 some commands or records rejected, 2 usage or configuration error, 3 database unreachable, 4 verification failed.",
        version: TradeLedgerVersion.string,
        subcommands: [DB.self, Generate.self, Submit.self, ProjectionsCommand.self, Balances.self, TrialBalance.self, Invoices.self, InvoiceCommand.self, Subsidies.self, PeriodCommand.self, Verify.self, SealCommand.self, Visa.self, Reconcile.self, Exceptions.self, Resolve.self, Match.self, Dev.self]
    )
}

/// Options every database command shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: "A postgresql:// URI or conninfo (default: TRADELEDGER_DATABASE_URL, libpq's PG* variables, then the ops/pg cluster).")
    var databaseURL: String?

    @Option(help: "Ledger id (default: TRADELEDGER_LEDGER or main).")
    var ledger: String?

    func config(localRole: DatabaseConfig.LocalRole = .application) throws -> DatabaseConfig {
        try runApp { try DatabaseConfig.resolve(databaseURL: databaseURL, ledger: ledger, localRole: localRole) }
    }
}

/// Runs `body`, turning an `AppError` into its message on stderr and its exit code.
func runApp<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as PGError where e.sqlState == "42P01" || e.sqlState == "3F000" {
        // undefined table / schema: a database nobody migrated yet.
        FileHandle.standardError.write(Data("tradeledger: the database has no TradeLedger schema (\(e.message)); run `tradeledger db migrate` first\n".utf8))
        throw ExitCode(2)
    } catch let e as AppError {
        FileHandle.standardError.write(Data("tradeledger: \(e.description)\n".utf8))
        throw ExitCode(e.exitCode)
    } catch let e as ExitCode {
        throw e
    } catch let e as ValidationError {
        throw e
    } catch {
        FileHandle.standardError.write(Data("tradeledger: \(error)\n".utf8))
        throw ExitCode(1)
    }
}

func printOut(_ s: String) { FileHandle.standardOutput.write(Data((s + "\n").utf8)) }
