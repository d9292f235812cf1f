import EventStore
import Foundation
import LedgerDomain
import Money
import Reconciliation
import TestSupport
import Testing
import TradeLedgerKit
import VisaSettlement

/// What operators do after an import: resolve, match by hand; and what later files do.
@Suite("reconcile: exceptions, manual matches, later files", .serialized)
struct ReconcileOperatorTests {
    @Test("resolve clears suspense and is refused the second time; match refuses other amounts and matched items, then books an automatic match")
    func resolveAndMatch() throws {
        try TestDatabase.with { url in
            try ReconcileTests.ledger(url)
            let (path, records) = ReconcileTests.scenarioFile()
            defer { try? FileManager.default.removeItem(atPath: path) }
            let report = try Recon.reconcile(url, path).report
            let prefix = ExceptionSpec.Id.fileTag(report.fileId)
            let service = ExceptionService(store: try openStore(url))
            let open = try service.list(.init(openOnly: true))
            #expect(open.count == 8)
            let mismatch = "\(prefix)-\(records[3])"
            #expect(open.first { $0.exceptionId == mismatch }?.amount == Amount(minorUnits: 100, currency: .hkd))

            _ = try service.resolve(exceptionId: mismatch, resolution: "accept", note: "Visa short-paid one dollar", amount: nil)
            #expect(throws: AppError.self) { try service.resolve(exceptionId: mismatch, resolution: "write-off", note: "again", amount: nil) }

            let missing = "\(prefix)-\(records[5])"  // 60.00 HKD
            #expect { try service.match(exceptionId: missing, paymentId: "PAY8", note: "operator") } throws: { error in
                "\(error)".contains("amount disagrees") && "\(error)".contains("60.00") && "\(error)".contains("50.00")
            }
            let ambiguous = "\(prefix)-\(records[10])"  // 50.00 HKD, PAY8 or PAY9
            #expect { try service.match(exceptionId: ambiguous, paymentId: "PAY1", note: "operator") } throws: { error in
                "\(error)".contains("PAY1 is already matched")
            }
            _ = try service.match(exceptionId: ambiguous, paymentId: "PAY8", note: "card holder confirmed")
            #expect { try service.match(exceptionId: missing, paymentId: "PAY8", note: "operator") } throws: { error in
                "\(error)".contains("amount disagrees") || "\(error)".contains("already matched")
            }
            #expect(try service.list(.init(openOnly: true)).count == 6)

            let b = try Recon.balances(url)
            let suspense: Int64? = b["recon/suspense"]?["HKD"]
            #expect(suspense == -59_000)  // −639.00 − the accepted 1.00 + the 50.00 matched by hand
            #expect(b["platform/expense/recon-differences"]?["HKD"] == 100)
            let clearing: Int64? = b["scheme/visa/clearing"]?["HKD"]
            #expect(clearing == 185_000)  // 1900.00 − PAY8's 50.00, which left clearing
            var sums: [String: Int64] = [:]
            for (_, perCurrency) in b { for (c, v) in perCurrency { sums[c, default: 0] += v } }
            #expect(sums.values.allSatisfy { $0 == 0 })
        }
    }

    @Test("a later file presents a missing capture: matched, and its missing_in_file exception resolved as late_presentment; raised once")
    func latePresentment() throws {
        try TestDatabase.with { url in
            try ReconcileTests.ledger(url)
            let (first, _) = ReconcileTests.scenarioFile()
            defer { try? FileManager.default.removeItem(atPath: first) }
            _ = try Recon.reconcile(url, first)
            let second = Recon.file([.draft(Recon.draft(.purchase, arnN: 7, source: (70_000, .hkd)))], fileSeq: "001",
                                    date: VisaDate(year: 2026, month: 5, day: 16))
            defer { try? FileManager.default.removeItem(atPath: second.path) }
            let report = try Recon.reconcile(url, second.path).report
            #expect(report.outcomes[.matched] == 1)
            // PAY6 (charged back, never presented), PAY8 and PAY9 (ambiguous, unmatched): 05-14 ≤ 05-16 − 2.
            #expect(report.outcomes[.missingInFile] == 3)
            let rows = try ExceptionService(store: try openStore(url)).list(.init())
            let pay7 = try #require(rows.first { $0.exceptionId == "MIF-C-PAY7" })
            #expect(!pay7.isOpen)
            let third = Recon.file([], fileSeq: "001", date: VisaDate(year: 2026, month: 5, day: 17))
            defer { try? FileManager.default.removeItem(atPath: third.path) }
            #expect(try Recon.reconcile(url, third.path).report.outcomes[.missingInFile] == 0)
        }
    }

    @Test("two files imported out of order end with the same balances, matches and open exceptions as in order")
    func outOfOrder() throws {
        func run(_ order: [Int]) throws -> (balances: [String: [String: Int64]], open: Set<String>, matches: Set<String>) {
            try TestDatabase.with { url in
                try ReconcileTests.ledger(url)
                let a = Recon.file([.draft(Recon.draft(.purchase, arnN: 1, source: (10_000, .hkd))),
                                    .draft(Recon.draft(.purchase, arnN: 4, source: (39_900, .hkd)))], fileSeq: "001")
                let b = Recon.file([.draft(Recon.draft(.purchase, arnN: 2, source: (20_000, .hkd))),
                                    .draft(Recon.draft(.purchase, arnN: 1, source: (10_000, .hkd)))], fileSeq: "002")
                defer { for p in [a.path, b.path] { try? FileManager.default.removeItem(atPath: p) } }
                let files = [a.path, b.path]
                for i in order { _ = try Recon.reconcile(url, files[i], graceDays: 30) }
                let open = Set(try ExceptionService(store: try openStore(url)).list(.init(openOnly: true)).map { "\($0.kind) \($0.itemId ?? "")" })
                let c = try openStore(url).connection
                let r = try c.execute("SELECT kind || ' ' || item_id FROM recon.matches")
                let matches = Set(try (0..<r.rowCount).map { try r.string($0, 0) })
                return (try Recon.balances(url), open, matches)
            }
        }
        let inOrder = try run([0, 1])
        let reversed = try run([1, 0])
        #expect(inOrder.balances == reversed.balances)
        #expect(inOrder.open == reversed.open)
        #expect(inOrder.matches == reversed.matches)
        #expect(inOrder.open.contains("duplicate_presentment PAY1") && inOrder.open.contains("amount_mismatch PAY4"))
    }
}
