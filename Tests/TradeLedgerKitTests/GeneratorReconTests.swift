import Foundation
import Money
import Reconciliation
import TestSupport
import Testing
import TradeLedgerKit

/// The demo's pipeline at a small scale: generate a day, submit it, reconcile the generated Visa
/// file, and find the counts of expected-recon.json; then an operator resolves one exception and
/// matches one by hand.
@Suite("generate → submit → reconcile", .serialized)
struct GeneratorReconTests {
    static func day() throws -> (dir: String, day: ScenarioGenerator.Day) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tl-day-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let day = try ScenarioGenerator(merchants: 6, buyers: 60, payments: 400, seed: 20_260_515, invalidEvery: 40).writeDay(to: dir)
        return (dir, day)
    }

    @Test("the generated settlement file is the same bytes for the same seed, CRLF records, and every noise kind is present")
    func generatedSettlementFileIsTheSameBytesForTheSameSeed() throws {
        let (a, dayA) = try Self.day()
        let (b, _) = try Self.day()
        defer { for d in [a, b] { try? FileManager.default.removeItem(atPath: d) } }
        let bytesA = try Data(contentsOf: URL(fileURLWithPath: dayA.settlementPath))
        #expect(bytesA == (try Data(contentsOf: URL(fileURLWithPath: b + "/visa-settlement.txt"))))
        #expect(bytesA.count == dayA.expected.records * 170 && bytesA.suffix(2) == Data([0x0D, 0x0A]))
        let e = dayA.expected
        #expect(e.outcomes[.amountMismatch] == 1 && e.outcomes[.currencyMismatch] == 1 && e.outcomes[.missingInLedger] == 1
                && e.outcomes[.duplicatePresentment] == 1 && e.outcomes[.missingInFile] == 3 && e.outcomes[.netMismatch] == nil)
        #expect(e.transactions["15"] == 2 && e.transactions["35"] == 1 && e.transactions["20"] == 1 && e.leftOutCaptures.count == 2)
    }

    @Test("reconciling the generated file reports expected-recon.json's counts; resolve and manual match; trial balance zero; verify passes")
    func reconcilingTheGeneratedFileReportsTheExpectedCounts() throws {
        let (dir, day) = try Self.day()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try TestDatabase.with { url in
            let results = try submit(url, String(decoding: try Data(contentsOf: URL(fileURLWithPath: day.commandsPath)), as: UTF8.self))
            let rejected = results.filter { $0.status == .rejected }.count
            #expect(rejected == day.summary.invalidCommands)

            let expected = day.expected
            let report = try Recon.reconcile(url, day.settlementPath, graceDays: expected.graceDays).report
            #expect(report.rejection == nil && report.refusal == nil && report.fileId == expected.fileId)
            #expect(report.records == expected.records)
            for outcome in ReconOutcome.allCases {
                #expect(report.outcomes[outcome] ?? 0 == expected.outcomes[outcome] ?? 0, "\(outcome)")
            }
            for tc in ReconReport.transactionCodes { #expect(report.transactions[tc] ?? 0 == expected.transactions[tc] ?? 0, "TC \(tc)") }
            #expect(report.netChecks.count == 1 && report.netChecks[0].ok)
            #expect(report.json.contains("\"outcomes\":" + expected.outcomesJSON))

            let service = ExceptionService(store: try openStore(url))
            let opened = expected.outcomes.filter { $0.key != .matched }.values.reduce(0, +)
            #expect(try service.list(.init(openOnly: true)).count == opened)
            let mismatch = try #require(expected.amountMismatchException)
            _ = try service.resolve(exceptionId: mismatch, resolution: "accept", note: "Visa short-paid one dollar", amount: nil)
            let leftOut = expected.leftOutCaptures[0]
            _ = try service.match(exceptionId: "MIF-C-\(leftOut)", paymentId: leftOut, note: "Visa advice: settled in another file")
            #expect(try service.list(.init(openOnly: true)).count == opened - 2)

            let b = try Recon.balances(url)
            #expect(Recon.trialBalance(b).values.allSatisfy { $0 == 0 }, "\(Recon.trialBalance(b))")
            #expect(try Recon.verifies(url))
        }
    }
}
