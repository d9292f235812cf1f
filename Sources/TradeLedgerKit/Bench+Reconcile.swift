import EventStore
import Foundation
import LibPQ
import VisaSettlement

extension Bench {
    /// Where `reconcile-setup` leaves the generated day for about `records` file records.
    static func reconcileDirectory(records: Int) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tradeledger-bench-recon-\(records)").path
    }

    /// `reconcile-setup`: generates a day whose settlement file has about `records` records
    /// (a payment is about 1.66 records: 80% are captures, presented as TCR 0 + TCR 5, plus the
    /// refunds) and submits its commands (untimed, in its own process so the reconcile row's peak
    /// RSS is the import's own).
    public static func reconcileSetup(url: String, records: Int) throws {
        let directory = reconcileDirectory(records: records)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let payments = max(20, records * 3 / 5)
        let day = try ScenarioGenerator(merchants: 200, buyers: 5_000, payments: payments, seed: 7, invalidEvery: 0).writeDay(to: directory)
        var input = try CommandInput(path: day.commandsPath)
        let summary = try SubmitService(store: try appStore(url), tokenKey: TokenKey.development)
            .run(&input, emit: { _ in })
        precondition(summary.rejected == 0, "the generated commands are valid: \(summary.rejected) rejected")
    }

    /// `reconcile`: on the database of `reconcile-setup`, imports the day's settlement file (the
    /// row: records per second, wall time, and the parse, index, match and append phases), then
    /// the baseline: a full parse of the same file (`visa-parse-{label}`, as the visa-parse row).
    /// The import must report the counts of expected-recon.json. Two rows.
    public static func reconcileRows(url: String, records: Int, label: String) throws -> [Row] {
        let directory = reconcileDirectory(records: records)
        let path = directory + "/" + SettlementFileGenerator.fileName
        let expected = try String(contentsOfFile: directory + "/" + SettlementFileGenerator.expectedName, encoding: .utf8)
        guard let grace = expected.range(of: "\"graceDays\":").map({ Int(expected[$0.upperBound...].prefix { $0.isNumber }) }) ?? nil else {
            throw AppError.usage("\(directory): no expected-recon.json from reconcile-setup")
        }
        let store = try appStore(url), reader = try appStore(url)
        let start = Clock.monotonicSeconds()
        let report = try ReconcileService(store: store, reader: reader, tokenKey: TokenKey.development, options: .init(graceDays: grace)).run(path: path)
        let seconds = Clock.monotonicSeconds() - start
        let rss = peakRSSBytes()
        guard report.rejection == nil, report.refusal == nil, !report.alreadyImported else {
            throw AppError.rejected("reconcile-\(label): the file was not imported (run reconcile-setup-\(label) first)")
        }
        let outcomes = report.json.range(of: "\"outcomes\":{").map { r in report.json[r.lowerBound...].prefix { $0 != "}" } } ?? ""
        precondition(!outcomes.isEmpty && expected.contains(outcomes + "}"), "reconcile reported other counts than expected-recon.json")
        var phases: [String: Double] = [:]
        for p in report.phases { phases[p.name] = p.seconds }

        let parseStart = Clock.monotonicSeconds()
        let summary = try parseFile(path)
        let parseSeconds = Clock.monotonicSeconds() - parseStart
        return [
            Row(name: "visa-parse-\(label)", throughput: Double(summary.recordCount) / parseSeconds, unit: "records/s",
                peakRssBytes: peakRSSBytes(), count: summary.recordCount, seconds: parseSeconds),
            Row(name: "reconcile-\(label)", throughput: Double(report.records) / seconds, unit: "records/s", peakRssBytes: rss,
                count: report.records, seconds: seconds, phases: phases),
        ]
    }
}
