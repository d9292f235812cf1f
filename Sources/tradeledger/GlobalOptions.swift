import ArgumentParser
import TradeLedgerKit

/// Options every database command shares. Each such command declares them (`@OptionGroup`), so
/// they go after the subcommand; `moved(_:)` lets an operator give them before it as well.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: "A postgresql:// URI or conninfo (default: TRADELEDGER_DATABASE_URL, libpq's PG* variables, then the ops/pg cluster).")
    var databaseURL: String?

    @Option(help: "Ledger id (default: TRADELEDGER_LEDGER or main).")
    var ledger: String?

    func config(localRole: DatabaseConfig.LocalRole = .application) throws -> DatabaseConfig {
        try runApp { try DatabaseConfig.resolve(databaseURL: databaseURL, ledger: ledger, localRole: localRole) }
    }

    /// The long names of the options above; each takes a value (`--ledger L` or `--ledger=L`).
    static let names = ["--database-url", "--ledger"]

    /// `arguments` (without the program name) with the global options that stand before or
    /// between subcommand names moved to just after the last subcommand name, where the
    /// subcommand's own `@OptionGroup` parses them: `--ledger L projections rebuild x` becomes
    /// `projections rebuild --ledger L x`. Options given after it stay where they are (and, being
    /// later, win over moved ones). Without a subcommand name the arguments are left as they are.
    static func moved(_ arguments: [String], root: any ParsableCommand.Type = TradeLedgerCommand.self) -> [String] {
        var path: [String] = [], global: [String] = []
        var subcommands = root.configuration.subcommands
        var i = arguments.startIndex
        scan: while i < arguments.endIndex {
            let argument = arguments[i]
            if names.contains(argument), i + 1 < arguments.endIndex {
                global += arguments[i...(i + 1)]
                i += 2
            } else if names.contains(where: { argument.hasPrefix($0 + "=") }) {
                global.append(argument)
                i += 1
            } else if let next = subcommands.first(where: { $0._commandName == argument || $0.configuration.aliases.contains(argument) }) {
                path.append(argument)
                subcommands = next.configuration.subcommands
                i += 1
            } else {
                break scan
            }
        }
        guard !path.isEmpty, !global.isEmpty else { return arguments }
        return path + global + arguments[i...]
    }
}
