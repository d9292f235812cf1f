import ArgumentParser
import TradeLedgerKit

struct Reconcile: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Match a Visa settlement file against the ledger and import it (once, by content).",
        discussion: "Exit 0 when everything matched (or the file was already imported), 1 when exceptions were opened or the file was rejected, 2 usage, 3 database unreachable.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The settlement file (BASE II, fixed-block or one record per line).") var file: String
    @Flag(name: .customLong("dry-run"), help: "Parse, match and report; append nothing.") var dryRun = false
    @Flag(help: "Print the report as one JSON document.") var json = false
    @Option(name: .customLong("exceptions-csv"), help: "Write one row per exception of this file to PATH.") var exceptionsCSV: String?
    @Option(name: .customLong("grace-days"), help: "Raise missing_in_file for items this many days older than the processing date.")
    var graceDays: Int = ReconcileService.graceDaysDefault
    @Flag(name: .customLong("dev-token-key"), help: "Use the fixed development token key (tests and the demo only).")
    var devTokenKey = false

    func validate() throws {
        if graceDays < 0 { throw ValidationError("--grace-days must not be negative") }
    }

    func run() throws {
        let config = try global.config()
        let key = try runApp { try TokenKey.resolve(allowDevelopmentKey: devTokenKey) }
        let (text, exitCode) = try runApp { () throws -> (String, Int32) in
            let store = try config.openStore(), reader = try config.openStore()
            let progress = ProgressReporter()
            let service = ReconcileService(store: store, reader: reader, tokenKey: key, options: .init(dryRun: dryRun, graceDays: graceDays)) {
                progress.percent($0, fraction: $1)
            }
            let report = try service.run(path: file)
            progress.finish()
            if let exceptionsCSV { try ExceptionService(store: store).writeCSV(fileId: report.fileId, to: exceptionsCSV) }
            return (json ? report.json : report.text, report.exitCode)
        }
        printOut(text)
        if exitCode != 0 { throw ExitCode(exitCode) }
    }
}
