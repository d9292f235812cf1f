import ArgumentParser
import TradeLedgerKit

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a realistic, deterministic cross-border trade day into --out: commands.ndjson, the Visa settlement file that settles it (visa-settlement.txt) and expected-recon.json.")
    @Option(help: "Merchants (CN sellers).") var merchants: Int = 20
    @Option(help: "Buyers (HK, MO, TW and overseas).") var buyers: Int = 100
    @Option(help: "Payments (each with its invoice).") var payments: Int = 1_000
    @Option(help: "Seed; the same seed gives the same bytes.") var seed: UInt64 = 1
    @Option(help: "One invalid command every N commands (0: none).") var invalidEvery: Int = 200
    @Option(help: "Output directory.") var out: String

    func validate() throws {
        guard merchants > 0, buyers > 0, payments >= 0 else { throw ValidationError("--merchants and --buyers must be positive, --payments not negative") }
    }

    func run() throws {
        let day = try runApp {
            try ScenarioGenerator(merchants: merchants, buyers: buyers, payments: payments, seed: seed, invalidEvery: invalidEvery).writeDay(creating: out)
        }
        printOut("wrote \(day.commandsPath): \(day.summary)")
        printOut("wrote \(day.settlementPath): \(day.expected.records) records, processing date \(day.expected.processingDate.text)")
        printOut("wrote \(day.expectedPath): outcomes \(day.expected.outcomesJSON) (reconcile --grace-days \(day.expected.graceDays))")
    }
}
