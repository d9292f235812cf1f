import ArgumentParser
import TradeLedgerKit

struct ProjectionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "projections", abstract: "Build the read models from the log.", subcommands: [Run.self, Rebuild.self, Status.self])

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Catch every projection up with the log and exit (--follow: keep following).",
            discussion: "Exit 0 when every projection has caught up, 2 usage or configuration, 3 database unreachable, 4 when a projection cannot fold the log (an event it cannot read or apply, named by seq; `tradeledger verify` fails on it too). --follow stops on the same errors with the same codes.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Keep following the log (polls with back-off; Ctrl-C stops).") var follow = false
        func run() throws {
            let config = try global.config()
            try runApp {
                let service = ProjectionService(store: try config.openStore())
                try ProjectionService.foldingTheLog {
                    if follow {
                        try service.follow(shouldStop: { false }) { applied in printOut(ProjectionService.followLine(applied)) }
                    } else {
                        for line in ProjectionService.runOnceLines(try service.runOnce()) { printOut(line) }
                    }
                }
            }
        }
    }

    struct Rebuild: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild blue/green from seq 0 while the live tables keep answering; compare fingerprints, then switch in one transaction.",
            discussion: "Exit 0 when every projection named has switched, 2 usage or configuration, 3 database unreachable, 4 when the log cannot be folded (an event named by seq, as `projections run`) or a rebuilt projection differs from the live one without --force (nothing switched), 1 when another rebuild of the same projection switched over first (this one changed nothing).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Projections to rebuild (default: all).") var names: [ProjectionService.Name] = []
        @Flag(help: "Switch even when the rebuilt state differs from the live one (after a projection code fix).") var force = false
        func run() throws {
            let config = try global.config()
            printOut(try runApp {
                try ProjectionService.foldingTheLog {
                    // A second connection: the balances rows are written on it, beside the others.
                    try ProjectionService(store: try config.openStore())
                        .rebuildOutput(names, force: force, writer: try config.openStore(), progress: ProgressReporter())
                }
            })
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Per projection: checkpoint seq, ledger head seq, lag, last update.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        func run() throws {
            let config = try global.config()
            printOut(try runApp { try ProjectionService(store: try config.openStore()).statusOutput(format: output.format) })
        }
    }
}
