import ArgumentParser
import TradeLedgerKit

struct DB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Apply and inspect schema migrations.",
        subcommands: [Migrate.self, Status.self])

    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply pending migrations from schema/ (each in a transaction, checksummed).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Directory of NNN_name.sql migrations (default: TRADELEDGER_SCHEMA_DIR or the checkout's schema/).")
        var schemaDir: String?

        func run() throws {
            let config = try global.config(localRole: .owner)
            let applied = try runApp {
                try SchemaService(config: config, schemaDirectory: schemaDir ?? SchemaService.defaultDirectory).migrate()
            }
            printOut(applied.isEmpty ? "schema is up to date" : "applied \(applied.count): " + applied.joined(separator: ", "))
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show each migration: applied, pending, edited or missing.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Directory of migrations.") var schemaDir: String?

        func run() throws {
            let config = try global.config(localRole: .owner)
            let rows = try runApp {
                try SchemaService(config: config, schemaDirectory: schemaDir ?? SchemaService.defaultDirectory).status()
            }
            printOut("version  state         migration")
            for r in rows {
                printOut(String(r.version).padding(toLength: 9, withPad: " ", startingAt: 0)
                         + r.state.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0) + r.name)
            }
            if rows.contains(where: { $0.state == .edited || $0.state == .missingFile }) { throw ExitCode(4) }
        }
    }
}
