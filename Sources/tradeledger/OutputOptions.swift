import ArgumentParser
import TradeLedgerKit

/// `--json` or `--csv` (or neither: a table) for the commands that print rows.
struct OutputOptions: ParsableArguments {
    enum Format: String, EnumerableFlag {
        case json, csv

        static func help(for value: Self) -> ArgumentHelp? {
            switch value {
            case .json: "Print JSON (the fixed shape of ARCHITECTURE.md)."
            case .csv: "Print CSV."
            }
        }
    }

    @Flag var formats: [Format] = []

    func validate() throws {
        if Set(formats).count > 1 { throw ValidationError("--json and --csv exclude each other") }
    }

    var format: ProjectionService.Format {
        switch formats.first {
        case .json: .json
        case .csv: .csv
        case nil: .table
        }
    }
}
