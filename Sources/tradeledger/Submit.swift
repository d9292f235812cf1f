import ArgumentParser
import Foundation
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
            let store = try config.openStore()
            let service = SubmitService(store: store, tokenKey: key, batchCommands: max(1, batchCommands), futureSkewSeconds: skew)
            let interactive = isatty(2) == 1
            let total = input.totalBytes
            var readSoFar = 0
            let result = try service.run(&input, emit: { r in
                if json { printOut(SubmitOutput.json(r)) } else if r.status == .rejected { printOut(SubmitOutput.text(r)) }
            }, progress: { s in
                guard interactive else { return }
                let done = s.accepted + s.duplicate + s.rejected
                var line = "\r\(done) commands, \(Int(Double(done) / max(s.seconds, 0.001))) commands/s"
                if let total, readSoFar > 0 {
                    let eta = Int(Double(total - readSoFar) / (Double(readSoFar) / max(s.seconds, 0.001)))
                    line += ", ETA \(max(0, eta))s"
                }
                FileHandle.standardError.write(Data((line + "   ").utf8))
            }, bytesRead: { readSoFar = $0 })
            if interactive { FileHandle.standardError.write(Data("\n".utf8)) }
            return result
        }
        FileHandle.standardError.write(Data((SubmitOutput.summary(summary) + "\n").utf8))
        if summary.rejected > 0 { throw ExitCode(1) }
    }
}

