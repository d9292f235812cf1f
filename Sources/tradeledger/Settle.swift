import ArgumentParser
import TradeLedgerKit

struct Settle: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Batch settlement of a date: merchant payouts (with FX) and subsidy claims; plan, then apply.",
        discussion: """
            Without --plan it plans and applies at once; --dry-run prints the plan and its manifest hash and appends nothing; \
            --plan PLAN.json applies only when the plan computed now has that plan's manifest hash. Settling a date closes it. \
            Exit 0 applied (or planned), 1 refused (an earlier date than the latest settled one, a stale plan), 2 usage, 3 database unreachable.
            """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "The settlement date (YYYY-MM-DD, UTC): balances as of its end are paid.") var date: String
    @Option(name: .customLong("min-payout"), help: "Minimum payout per payable currency, e.g. HKD=100.00 (repeatable); below it the balance is carried forward.")
    var minPayout: [String] = []
    @Flag(name: .customLong("dry-run"), help: "Plan only: print the plan and its manifest hash, append nothing.") var dryRun = false
    @Option(name: .customLong("plan-out"), help: "Write the plan (JSON with its manifest) to this file.") var planOut: String?
    @Option(help: "Apply only if the plan computed now has this plan file's manifest hash.") var plan: String?
    @Option(name: .customLong("payouts-csv"), help: "Write the payouts for the bank (CSV) here after applying.") var payoutsCSV: String?
    @Option(name: .customLong("claims-csv"), help: "Write the subsidy claims for the funders (CSV) here after applying.") var claimsCSV: String?
    @Flag(help: "Print JSON (the fixed shape of ARCHITECTURE.md, plus manifestHash, dryRun and applied).") var json = false
    @Option(help: ArgumentHelp("Payout commands appended per transaction.", visibility: .hidden))
    var chunkCommands: Int = 5_000

    func validate() throws {
        if dryRun && plan != nil { throw ValidationError("--dry-run and --plan exclude each other (--plan applies)") }
        if dryRun && (payoutsCSV != nil || claimsCSV != nil) {
            throw ValidationError("--payouts-csv and --claims-csv are written when a settlement is applied, not on --dry-run")
        }
        if chunkCommands < 1 || chunkCommands > 20_000 { throw ValidationError("--chunk-commands must be 1–20000") }
    }

    func run() throws {
        let config = try global.config()
        let outcome = try runApp { () throws -> SettleService.Outcome in
            var options = SettleService.Options(date: try CommandArguments.settlementDay(date))
            options.minimums = try SettleService.parseMinimums(minPayout)
            options.dryRun = dryRun
            options.planFile = plan
            options.planOut = planOut
            options.payoutsCSV = payoutsCSV
            options.claimsCSV = claimsCSV
            options.chunkCommands = chunkCommands
            let progress = ProgressReporter()
            let result = try SettleService(store: try config.openStore()).run(options) { progress.settling(done: $0, of: $1) }
            progress.finish()
            return result
        }
        if json {
            printOut(SettleOutput.json(outcome.plan, report: outcome.report))
        } else {
            printOut(SettleOutput.table(outcome.plan, report: outcome.report, closedThrough: outcome.closedThrough))
        }
        if let r = outcome.report {
            printError("settle \(outcome.plan.settlementDate.text): \(r.payoutsAppended) payouts appended, \(r.payoutsAlreadyApplied) already paid, \(outcome.plan.skipped.count) skipped, \(r.claimsAppended) claims appended")
        }
    }
}
