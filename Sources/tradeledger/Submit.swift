import ArgumentParser
import TradeLedgerKit

struct Submit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Turn commands (NDJSON, or a JSON array) into events; one result per command; idempotent re-runs.",
        discussion: "Exit 0 when every command was accepted or a duplicate, 1 when some were rejected (the rest applied).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The commands file, or - for standard input.") var file: String = "-"
    @Flag(help: "Print one JSON object per input command, in input order.") var json = false
    @Flag(name: .customLong("dev-token-key"), help: "Use the fixed development token key (tests and the demo only).")
    var devTokenKey = false
    @Option(help: ArgumentHelp("Commands decided and appended per batch.", visibility: .hidden))
    var batchCommands: Int = SubmitService.batchCommandsMax
    @Option(name: .customLong("future-skew-seconds"),
            help: "How far a command's `at` may lie ahead of the database clock, in seconds (default: TRADELEDGER_FUTURE_SKEW_SECONDS or 300; 0–604800).")
    var futureSkewSeconds: Int64?

    func run() throws {
        let config = try global.config()
        let key = try runApp { try TokenKey.resolve(allowDevelopmentKey: devTokenKey) }
        let skew = try runApp { try FutureSkew.resolve(option: futureSkewSeconds) }
        let summary = try runApp { () throws -> SubmitService.Summary in
            var input = try CommandInput(path: file)
            // Two connections: batch N is appended on one while batch N + 1 is decided on the other.
            let store = try config.openStore(), reader = try config.openStore()
            let service = SubmitService(store: store, reader: reader, tokenKey: key, batchCommands: max(1, batchCommands),
                                        futureSkewSeconds: skew)
            let progress = ProgressReporter(), totalBytes = input.totalBytes
            var bytesRead = 0
            let result = try service.run(&input, emit: { r in
                if json { printOut(SubmitOutput.json(r)) } else if r.status == .rejected { printOut(SubmitOutput.text(r)) }
            }, progress: { progress.submitted($0, bytesRead: bytesRead, totalBytes: totalBytes) }, bytesRead: { bytesRead = $0 })
            progress.finish()
            return result
        }
        printError(SubmitOutput.summary(summary))
        if summary.rejected > 0 { throw ExitCode(1) }
    }
}

