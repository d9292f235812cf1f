import EventStore
import Foundation
import LibPQ
import Money
import Projections
import TestSupport
import Testing
import TradeLedgerKit  // SplitMix64

@Suite("Projections") struct ProjectionTests {
    func prepared(_ url: String) throws -> (EventStore, ProjectionQueries) {
        let results = try submit(url, Cmd.handChecked.joined(separator: "\n"))
        #expect(results.allSatisfy { $0.status == .accepted }, "\(results.compactMap(\.error))")
        let store = try TestDatabase.openStore(url)
        try ProjectionRunner(store: store).catchUp(ProjectionName.allCases)
        return (store, ProjectionQueries(connection: store.connection, ledgerId: "main"))
    }

    static func day(_ s: String) -> CalendarDay { try! CalendarDay(parsing: s) }

    @Test("invoice statuses and overdue-as-of on hand-checked cases")
    func invoiceStatusesOnHandCheckedCases() throws {
        try TestDatabase.with { url in
            let (_, q) = try prepared(url)
            let invoices = Dictionary(uniqueKeysWithValues: try q.invoices().map { ($0.invoiceId, $0) })
            func status(_ id: String, _ d: String) -> String { invoices[id]!.status(asOf: Self.day(d)).rawValue }
            #expect(status("I1", "2026-05-20") == "issued")
            #expect(status("I1", "2026-05-31") == "issued")      // the due date itself is not overdue
            #expect(status("I1", "2026-06-01") == "overdue")
            #expect(status("I2", "2026-05-20") == "partially_paid")
            #expect(status("I2", "2026-06-01") == "overdue")
            #expect(status("I3", "2026-06-01") == "paid")
            #expect(status("I4", "2026-06-01") == "credited")
            #expect(status("I5", "2026-06-01") == "refunded")
            #expect(status("I6", "2026-06-01") == "paid")
            #expect(invoices["I2"]!.open.decimalString == "60.00")
            #expect(invoices["I6"]!.credited.decimalString == "40.00" && invoices["I6"]!.open.isZero)
            #expect(invoices["I5"]!.refunded.decimalString == "100.00" && invoices["I5"]!.paid.decimalString == "100.00")
        }
    }

    @Test("as-of balances are right at several cut-offs, and the trial balance nets to zero")
    func asOfBalancesAtCutOffsAndZeroTrialBalance() throws {
        try TestDatabase.with { url in
            let (_, q) = try prepared(url)
            func payable(_ t: String) throws -> String? {
                try q.balances(accountPrefix: "merchant/M1/payable", asOf: try Timestamp(rfc3339: t)).first?.balance.decimalString
            }
            // capture 100 at 03:00: 98.00 after 2% commission + 3.00 subsidy (HK buyer, 3%)
            #expect(try payable("2026-05-15T02:59:59Z") == nil)
            #expect(try payable("2026-05-15T03:30:00Z") == "-101.00")
            #expect(try payable("2026-05-15T04:30:00Z") == "-202.00")
            // full refund of 100: Dr payable 100, and the 3.00 subsidy reversed
            #expect(try payable("2026-05-15T05:30:00Z") == "-99.00")
            // bank transfers 40 and 60 (no subsidy): 39.20 and 58.80
            #expect(try payable("2026-05-15T23:59:59Z") == "-197.00")
            #expect(try q.balances(accountPrefix: "merchant/M1/payable").first?.balance.decimalString == "-197.00")
            let tb = try q.trialBalance()
            #expect(tb.count == 1 && tb[0].currency.code == "HKD" && tb[0].net == 0 && tb[0].debits > 0)
            let p = try q.subsidyPrograms()
            #expect(p.count == 1 && p[0].granted.decimalString == "6.00" && p[0].reversed.decimalString == "3.00")
            #expect(p[0].remaining.decimalString == "97.00" && p[0].grants == 2)
            #expect(try q.merchantSubsidies().map(\.net.decimalString) == ["3.00"])
        }
    }

    @Test("incremental catch-up in random page sizes with interrupted runs equals a full rebuild")
    func incrementalEqualsRebuild() throws {
        try TestDatabase.with { url in
            try submit(url, Scenario.lines(invoices: 300, seed: 7).joined(separator: "\n"))
            let store = try TestDatabase.openStore(url)
            var rng = SplitMix64(seed: 99)
            for p in ProjectionName.allCases {
                while true {
                    let runner = ProjectionRunner(store: store, pageRows: Int(rng.next() % 97) + 1)
                    if try runner.catchUp(p, pagesMax: Int(rng.next() % 3) + 1) == 0 { break }
                }
            }
            let q = ProjectionQueries(connection: store.connection, ledgerId: "main")
            let before = (try q.balances(), try q.invoices(), try q.subsidyPrograms(), try q.merchantSubsidies())
            let verified = try ProjectionVerifier(store: store).run()
            for p in ProjectionName.allCases {
                let r = try ProjectionRebuilder(store: store, pageRows: 500).rebuild(p)
                #expect(r.switched && r.fingerprint == r.previousFingerprint && r.fingerprint == verified.fingerprints[p])
            }
            #expect(try q.balances() == before.0)
            #expect(try q.invoices() == before.1)
            #expect(try q.subsidyPrograms() == before.2)
            #expect(try q.merchantSubsidies() == before.3)
            // Old generations are gone: one generation's rows remain.
            let gens = try store.connection.execute("SELECT count(DISTINCT generation) FROM proj.balances").int64(0, 0)
            #expect(gens == 1)
        }
    }

    @Test("two runners started together apply every event exactly once")
    func twoRunnersApplyEveryEventOnce() throws {
        try TestDatabase.with { url in
            try submit(url, Scenario.lines(invoices: 200, seed: 3).joined(separator: "\n"))
            let errors = LockedBox<[String]>([])
            concurrently(2) { _ in
                do {
                    let s = try TestDatabase.openStore(url)
                    for p in ProjectionName.allCases { try ProjectionRunner(store: s, pageRows: 13).catchUp(p) }
                } catch { errors.mutate { $0.append("\(error)") } }
            }
            #expect(errors.value.isEmpty, "\(errors.value)")
            let store = try TestDatabase.openStore(url)
            _ = try ProjectionVerifier(store: store).run()  // throws if anything was applied twice or missed
            let head = try store.head().seq
            for s in try ProjectionRunner(store: store).status() { #expect(s.checkpointSeq == head) }
            // Every event that posts is in the journal once, with its postings (applied twice,
            // a page's rows would collide on the journal's key; skipped, its row would be missing).
            #expect(try JournalTests.stored(store.connection, generation: JournalTests.liveGeneration(store.connection))
                    == JournalTests.expected(store))
        }
    }

    @Test("two rebuilds started together, in small pages, build every event into the live generation exactly once")
    func twoRebuildsTogetherApplyEveryEventOnce() throws {
        try TestDatabase.with { url in
            let store = try projectedScenario(url, invoices: 150, seed: 5)
            // Each rebuilder folds its next page ahead; when the other one has written that page
            // meanwhile, the page folded ahead no longer starts at the locked progress and must
            // be dropped, not written.
            let errors = LockedBox<[String]>([])
            let reports = LockedBox<[ProjectionRebuilder.Report]>([])
            concurrently(2) { _ in
                do {
                    let s = try TestDatabase.openStore(url)
                    let r = try ProjectionRebuilder(store: s, pageRows: 13).rebuild(ProjectionName.allCases)
                    reports.mutate { $0.append(contentsOf: r) }
                } catch { errors.mutate { $0.append("\(error)") } }
            }
            // One of them may lose the race to the switch: it then stops on the progress row the
            // winner deleted, having written nothing the winner did not replace, and tells the
            // operator another rebuild of it is running and to wait for it.
            #expect(errors.value.count <= 1 && errors.value.allSatisfy { $0.hasPrefix("another rebuild of ") && $0.contains(Self.overtakenAdvice) },
                    "\(errors.value)")
            #expect(reports.value.contains { $0.switched })
            let head = try store.head().seq
            for s in try ProjectionRunner(store: store).status() { #expect(s.checkpointSeq == head) }
            _ = try ProjectionVerifier(store: store).run()  // throws if the live generation differs from a replay
            #expect(try JournalTests.stored(store.connection, generation: JournalTests.liveGeneration(store.connection))
                    == JournalTests.expected(store))
        }
    }

    /// What a rebuild overtaken by another one tells the operator to do.
    static let overtakenAdvice = "so this rebuild stopped and changed nothing; wait for the other rebuild to finish "
        + "(`tradeledger projections status`, or the rows of proj.rebuilds, show whether one is still under way), "
        + "then rebuild again only if still needed"

    @Test("a rebuild overtaken by another rebuild of the same projection stops saying so and what to do, and exits 1")
    func aRebuildOvertakenByAnotherSaysAnotherIsRunning() throws {
        try TestDatabase.with { url in
            let store = try projectedScenario(url, invoices: 30, seed: 5)
            // After this rebuild's first page, a second rebuild of balances runs to its switch,
            // which deletes the progress row the two share; this one then finds it gone.
            var pages = 0
            var other: Result<[ProjectionRebuilder.Report], any Error>? = nil
            do {
                _ = try ProjectionRebuilder(store: store, pageRows: 13).rebuild(.balances) { _, _ in
                    pages += 1
                    if pages == 1 {
                        other = Result { try ProjectionRebuilder(store: try TestDatabase.openStore(url), pageRows: 13).rebuild([.balances]) }
                    }
                    return true
                }
                Issue.record("the overtaken rebuild went on to switch")
            } catch {
                let failure = CommandFailure(error)
                #expect(failure.exitCode == 1)
                #expect(failure.message == "another rebuild of balances is running at the same time and switched over first, " + Self.overtakenAdvice,
                        "\(failure.message)")
                #expect((error as? ProjectionError)?.projection == .balances)
            }
            #expect(pages == 1)
            let reports = try #require(try other?.get())
            #expect(reports.count == 1 && reports[0].switched && reports[0].resumed)
            let fresh = try TestDatabase.openStore(url)
            let head = try fresh.head().seq
            for s in try ProjectionRunner(store: fresh).status() { #expect(s.checkpointSeq == head && s.rebuildingToSeq == nil) }
            _ = try ProjectionVerifier(store: fresh).run()  // throws if the live generation differs from a replay
        }
    }

    @Test("queries during a rebuild answer with the old state; after the switch, the new; an interrupted rebuild resumes")
    func queriesDuringRebuildAnswerWithTheOldState() throws {
        try TestDatabase.with { url in
            let all = Scenario.lines(invoices: 120, seed: 11)
            try submit(url, all.prefix(200).joined(separator: "\n"))
            let store = try TestDatabase.openStore(url)
            try ProjectionRunner(store: store).catchUp(ProjectionName.allCases)
            let reader = ProjectionQueries(connection: try PGConnection(url), ledgerId: "main")
            let old = try reader.balances()
            try submit(url, all.dropFirst(200).joined(separator: "\n"))  // live projection now lags

            // Interrupted after the first page: live untouched, progress kept.
            let first = try ProjectionRebuilder(store: store, pageRows: 50).rebuild(.balances) { _, _ in false }
            #expect(!first.switched)
            #expect(try reader.balances() == old)

            var during: [[ProjectionQueries.Balance]] = []
            let r = try ProjectionRebuilder(store: store, pageRows: 50).rebuild(.balances) { _, _ in
                during.append((try? reader.balances()) ?? [])
                return true
            }
            #expect(r.resumed && r.switched)
            #expect(!during.isEmpty && during.allSatisfy { $0 == old })
            let new = try reader.balances()
            #expect(new != old)
            #expect(r.seq == (try store.head().seq))
            try ProjectionRunner(store: store).catchUp(ProjectionName.allCases)
            _ = try ProjectionVerifier(store: store).run()
        }
    }
}
