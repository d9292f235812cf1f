import Money
import Reconciliation

/// `expected-recon.json`: what `reconcile --grace-days {graceDays}` must report for a generated
/// settlement file on a ledger that accepted the generated commands: the outcome and
/// transaction counts (same keys and order as the report's `--json`), plus the ids an operator
/// demo needs (the amount_mismatch exception to resolve, the captures left out of the file).
public struct ExpectedRecon: Sendable, Equatable {
    public var fileId = ""
    public var processingDate: CalendarDay
    public var graceDays: Int
    public var records = 0
    public var transactions: [String: Int] = [:]
    public var outcomes: [ReconOutcome: Int] = [:]
    /// Payment ids of the captures the file leaves out (each a missing_in_file).
    public var leftOutCaptures: [String] = []
    public var leftOutRefund: String?
    /// Id of the amount_mismatch exception the import opens.
    public var amountMismatchException: String?

    public init(processingDate: CalendarDay, graceDays: Int) {
        self.processingDate = processingDate
        self.graceDays = graceDays
    }

    mutating func count(_ outcome: ReconOutcome, tc: String? = nil) {
        outcomes[outcome, default: 0] += 1
        if let tc { transactions[tc, default: 0] += 1 }
    }

    /// The `"outcomes":{…}` member exactly as the report's `--json` prints it.
    public var outcomesJSON: String {
        JSONText.encode(.object(ReconOutcome.allCases.map { ($0.rawValue, .int(Int64(outcomes[$0] ?? 0))) }))
    }

    public var json: String {
        JSONText.encode(.object([
            ("file", .string(SettlementFileGenerator.fileName)), ("fileId", .string(fileId)),
            ("processingDate", .string(processingDate.text)), ("graceDays", .int(Int64(graceDays))), ("records", .int(Int64(records))),
            ("transactions", .object(ReconReport.transactionCodes.map { ($0, .int(Int64(transactions[$0] ?? 0))) })),
            ("outcomes", .object(ReconOutcome.allCases.map { ($0.rawValue, .int(Int64(outcomes[$0] ?? 0))) })),
            ("leftOutCaptures", .array(leftOutCaptures.map { .string($0) })),
            ("leftOutRefund", leftOutRefund.map { .string($0) } ?? .null),
            ("amountMismatchException", amountMismatchException.map { .string($0) } ?? .null),
        ]))
    }
}
