import ArgumentParser
import TradeLedgerKit

struct Exceptions: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List reconciliation exceptions: id, kind, amount, item, file and record, opened, age, evidence.")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Only open exceptions.") var open = false
    @Option(help: "Only this kind (e.g. amount_mismatch).") var kind: String?
    @Option(name: .customLong("older-than"), help: "Only exceptions older than DAYS (age counted in UTC days to the database clock's today).") var olderThan: Int64?
    @OptionGroup var output: OutputOptions

    func run() throws {
        let config = try global.config()
        let out = try runApp { () throws -> String in
            let service = ExceptionService(store: try config.openStore())
            let rows = try service.list(.init(openOnly: open, kind: kind, olderThanDays: olderThan))
            switch output.format {
            case .json: return ExceptionService.json(rows)
            case .csv: return ExceptionService.csv(rows)
            case .table: return ExceptionService.table(rows)
            }
        }
        printOut(out)
    }
}
