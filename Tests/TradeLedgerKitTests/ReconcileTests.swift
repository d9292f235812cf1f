import EventStore
import Foundation
import LedgerDomain
import Money
import Reconciliation
import TestSupport
import Testing
import TradeLedgerKit
import VisaSettlement

/// Reconciliation against a real PostgreSQL: one scenario with one line of each outcome, checked
/// by hand (RECONCILIATION.md), then re-imports, resolutions and manual matches on it.
@Suite("reconcile", .serialized)
struct ReconcileTests {
    static let at = "2026-05-14T10:00:00Z"

    /// M1 sells to B1 (card BND1); programme P1 (3%, cap 50, budget 100). Captures (HKD):
    /// PAY1 100 (arn 1), PAY2 200 (arn 2), PAY3 300 (arn 3), PAY4 400, PAY5 500, PAY6 600,
    /// PAY7 700 on 05-10 (never presented), PAY8 and PAY9 50 with the same auth code; refund RF1
    /// of 20 on PAY2 (arn 50).
    static func ledger(_ url: String) throws {
        var lines = Cmd.setup
        let payments: [(String, String, Int, String, String)] = [
            ("PAY1", "100.00", 1, "AUTH01", at), ("PAY2", "200.00", 2, "AUTH02", at), ("PAY3", "300.00", 3, "AUTH03", at),
            ("PAY4", "400.00", 4, "AUTH04", at), ("PAY5", "500.00", 5, "AUTH05", at), ("PAY6", "600.00", 6, "AUTH06", at),
            ("PAY7", "700.00", 7, "AUTH07", "2026-05-10T10:00:00Z"), ("PAY8", "50.00", 8, "AMBIG1", at), ("PAY9", "50.00", 9, "AMBIG1", at),
        ]
        for (i, p) in payments.enumerated() {
            lines.append(Cmd.invoice("INV\(i + 1)", price: p.1, at: "2026-05-01T00:00:00Z", n: "i\(i + 1)"))
            lines.append(Recon.capture(p.0, invoice: "INV\(i + 1)", amount: p.1, arnN: p.2, auth: p.3, at: p.4, n: "c\(i + 1)"))
        }
        lines.append(Recon.refund("RF1", payment: "PAY2", amount: "20.00", arnN: 50, at: at, n: "r1"))
        let results = try submit(url, lines.joined(separator: "\n"))
        #expect(results.allSatisfy { $0.status == .accepted }, "\(results.filter { $0.status != .accepted }.map { $0.error?.message ?? "" })")
    }

    /// One line per outcome; the VSS-110 I net is reported as 1000.00 (computed: 1019.00).
    static func scenarioFile() -> (path: String, records: [Int]) {
        Recon.file([
            .draft(Recon.draft(.purchase, arnN: 1, source: (10_000, .hkd))),                               // matched by ARN
            .draft(Recon.draft(.purchase, arnN: 902, source: (20_000, .hkd), vtidN: 2)),                   // matched by transaction id
            .draft(Recon.draft(.purchase, arnN: 903, source: (30_000, .hkd), auth: "AUTH03")),             // matched by fallback
            .draft(Recon.draft(.purchase, arnN: 4, source: (39_900, .hkd))),                               // amount_mismatch
            .draft(Recon.draft(.purchase, arnN: 5, source: (50_000, .usd), dest: (50_000, .hkd))),         // currency_mismatch
            .draft(Recon.draft(.purchase, arnN: 906, source: (6_000, .hkd))),                              // missing_in_ledger
            .draft(Recon.draft(.purchase, arnN: 1, source: (10_000, .hkd))),                               // duplicate_presentment
            .draft(Recon.draft(.chargeback, arnN: 6, source: (60_000, .hkd))),                             // chargeback, matched
            .draft(Recon.draft(.chargeback, arnN: 909, source: (7_000, .hkd))),                            // chargeback_unknown_payment
            .draft(Recon.draft(.creditVoucher, arnN: 50, source: (2_000, .hkd))),                          // refund matched
            .draft(Recon.draft(.purchase, arnN: 911, source: (5_000, .hkd), auth: "AMBIG1")),              // ambiguous_match
        ], reportedInterchange: 100_000)
    }

    /// The ledger and the scenario file reconciled, then the database clock pinned at `clock`:
    /// the exception id prefix of the file and its records, for the tests of what exceptions
    /// and their resolutions take from the database clock. Removes the file.
    static func reconciled(_ url: String, clockAt clock: String) throws -> (prefix: String, records: [Int]) {
        try ledger(url)
        let (path, records) = scenarioFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let prefix = ExceptionSpec.Id.fileTag(try Recon.reconcile(url, path).report.fileId)
        try TestDatabase.pinClock(url, at: clock)
        return (prefix, records)
    }

    /// The last event of an exception's stream, which must be its resolution: when it is
    /// effective and under which command id.
    static func resolution(_ url: String, _ exceptionId: String) throws -> (effectiveAt: Timestamp, commandId: String?, body: String) {
        let resolved = try #require(try openStore(url).readStream(StreamID.reconException(exceptionId)).last)
        #expect(resolved.eventType == "ReconciliationExceptionResolved")
        return (Timestamp(microsecondsSinceEpoch: resolved.effectiveAt.microsecondsSinceUnixEpoch), resolved.commandId,
                String(decoding: resolved.body, as: UTF8.self))
    }

    @Test("one line of each outcome: counts, exception ids, balances, trial balance zero, verify passes")
    func scenario() throws {
        try TestDatabase.with { url in
            try Self.ledger(url)
            let (path, records) = Self.scenarioFile()
            defer { try? FileManager.default.removeItem(atPath: path) }
            let report = try Recon.reconcile(url, path).report
            #expect(report.rejection == nil && report.refusal == nil)
            let expected: [ReconOutcome: Int] = [.matched: 5, .amountMismatch: 1, .currencyMismatch: 1, .missingInLedger: 1,
                                                 .duplicatePresentment: 1, .ambiguousMatch: 1, .chargebackUnknownPayment: 1,
                                                 .missingInFile: 1, .netMismatch: 1]
            for outcome in ReconOutcome.allCases { #expect(report.outcomes[outcome] == expected[outcome], "\(outcome)") }
            #expect(report.exceptionsOpened == 8 && report.exitCode == 1)

            let prefix = ExceptionSpec.Id.fileTag(report.fileId)
            let ids = try Set(openStore(url).streamIds(ofType: StreamID.reconExceptionType))
            let expectedIds: Set<String> = Set([3, 4, 5, 6, 8, 10].map { "recon-exception-\(prefix)-\(records[$0])" }
                                               + ["recon-exception-MIF-C-PAY7", "recon-exception-\(prefix)-NET-HKD"])
            #expect(ids == expectedIds)

            let b = try Recon.balances(url)
            // clearing: 2900 captured − 20 refunded − (100 + 200 + 300 + 400) matched + 20 refund matched
            #expect(b["scheme/visa/clearing"]?["HKD"] == 190_000)
            // settlement: +100 +200 +300 +399 +500 +60 +100 −600 −70 −20 +50 = 1019.00 = computed I net
            #expect(b["scheme/visa/settlement"]?["HKD"] == 101_900)
            // suspense: +1 (PAY4) −500 (currency) −60 (missing) −100 (duplicate) +70 (unknown chargeback) −50 (ambiguous)
            #expect(b["recon/suspense"]?["HKD"] == -63_900)
            #expect((b["fx/position"]?["HKD"] ?? 0) == 0)
            // M1 payable: −(2900 − 2% commission 58) − subsidies 87 + refund 20 (+ its subsidy reversal 6 × 20/200 = 0.60)
            // + chargeback 600 + its subsidy reversal 18
            #expect(b["merchant/M1/payable"]?["HKD"] == -229_040)
            var sums: [String: Int64] = [:]
            for (_, perCurrency) in b { for (c, v) in perCurrency { sums[c, default: 0] += v } }
            #expect(sums.values.allSatisfy { $0 == 0 })

            _ = try ProjectionService(store: try openStore(url)).runOnce()
            let verified = try VerifyService(config: DatabaseConfig(conninfo: url)).run()
            let headSeq = try Recon.head(url)
            #expect(verified.chain.headSeq == headSeq)
        }
    }

    @Test("the same file twice appends nothing and reports the earlier result; a dry run appends nothing")
    func idempotent() throws {
        try TestDatabase.with { url in
            try Self.ledger(url)
            let (path, _) = Self.scenarioFile()
            defer { try? FileManager.default.removeItem(atPath: path) }
            let before = try Recon.head(url)
            let dry = try Recon.reconcile(url, path, dryRun: true).report
            #expect(dry.dryRun && dry.outcomes[.matched] == 5 && dry.exceptionsOpened == 8)
            #expect(try Recon.head(url) == before)
            let first = try Recon.reconcile(url, path).report
            let afterFirst = try Recon.head(url)
            #expect(afterFirst == before + Int64(first.eventsAppended))
            let second = try Recon.reconcile(url, path).report
            #expect(second.alreadyImported && second.exitCode == 0)
            #expect(second.json.contains("\"alreadyImported\":true") && second.json.contains("\"fileId\":\"\(first.fileId)\""))
            #expect(try Recon.head(url) == afterFirst)
        }
    }

    @Test("an invalid file imports nothing and names the record, positions and reason; a file claiming an imported identity is refused")
    func invalidAndClaimed() throws {
        try TestDatabase.with { url in
            try Self.ledger(url)
            let (path, records) = Self.scenarioFile()
            defer { try? FileManager.default.removeItem(atPath: path) }
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            let recordStart = (records[3] - 1) * 170  // 168 bytes + CRLF
            bytes[recordStart + 48] = bytes[recordStart + 48] == 0x30 ? 0x31 : 0x30  // break the ARN's check digit
            let broken = path + ".broken"
            FileManager.default.createFile(atPath: broken, contents: Data(bytes))
            defer { try? FileManager.default.removeItem(atPath: broken) }
            let before = try Recon.head(url)
            let rejected = try Recon.reconcile(url, broken).report
            let error = try #require(rejected.rejection?.errors.first)
            #expect(error.record == records[3] && error.positions == "27-49" && error.field == "arn")
            let headAfterRejection = try Recon.head(url)
            #expect(rejected.exitCode == 1 && headAfterRejection == before)

            _ = try Recon.reconcile(url, path)
            let other = Recon.file([.draft(Recon.draft(.purchase, arnN: 8, source: (5_000, .hkd)))])
            defer { try? FileManager.default.removeItem(atPath: other.path) }
            let afterFirst = try Recon.head(url)
            let refused = try Recon.reconcile(url, other.path).report
            #expect(refused.refusal?.contains("412345") == true && refused.exitCode == 1)
            #expect(try Recon.head(url) == afterFirst)
        }
    }
}
