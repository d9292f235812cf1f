import EventStore
import Foundation
import LedgerDomain
import LibPQ
import Money
import Reconciliation
import TestSupport
import Testing
@testable import TradeLedgerKit
import VisaSettlement

/// `reconcile` while `submit` appends the captures the file presents, each on its own thread and
/// connection: the import matches against the snapshot its doc comment names (the captures with
/// seq ≤ the head it read under the reconciliation lock, which it records as recon.cursors'
/// last_seq), a later capture's line is missing_in_ledger, and that capture stays matchable by
/// hand and by the next file. No item is matched twice, whatever the interleaving.
///
/// How the two sides meet is fixed by gates, never by timing: the submit appends one capture per
/// transaction and, before its `gate`-th capture, waits for the reconcile; the reconcile starts
/// only once the submit stands at that gate, and lets it go on at a chosen phase. Either way the
/// captures before the gate are committed before the import starts, and the captures after the
/// gate commit while its transaction is open; every assertion holds for every order of the
/// commits that follow.
@Suite("reconcile while submit appends", .serialized)
struct ReconcileConcurrencyTests {
    static let at = "2026-05-14T10:00:00Z"
    /// Captures submitted before anything runs concurrently.
    static let before = 10
    /// Captures of the concurrent submit; the gate stands before the `gate`-th of them (from 0).
    static let during = 30
    static let gate = 10
    /// The line of a presentment no ledger ever held (missing_in_ledger whatever happens).
    static let unknownARN = 999
    /// A wedged side fails the test instead of hanging the suite (not a timing assertion).
    static let hangGuardSeconds = 120

    static func payment(_ n: Int) -> String { "PC\(n)" }

    /// When the reconcile lets the waiting submit go on.
    enum Overlap {
        /// Once the import has read its snapshot (its match phase has begun): every capture from
        /// the gate on commits after the head it read, while its transaction is open.
        case afterSnapshot
        /// As soon as the import starts (its parse phase): the submit's commits race the import's
        /// lock and head read, so the snapshot falls anywhere among them.
        case racingSnapshot

        var releasePhase: String { self == .afterSnapshot ? "match" : "parse" }
    }

    /// Setup, an invoice for every capture, and captures 1…`before`.
    static func ledger(_ url: String) throws {
        var lines = Cmd.setup
        for n in 1...(before + during) { lines.append(Cmd.invoice("IC\(n)", price: "100.00", at: "2026-05-01T00:00:00Z", n: "ic\(n)")) }
        for n in 1...before { lines.append(capture(n)) }
        let results = try submit(url, lines.joined(separator: "\n"))
        #expect(results.allSatisfy { $0.status == .accepted }, "\(results.filter { $0.status != .accepted })")
    }

    static func capture(_ n: Int) -> String {
        Recon.capture(payment(n), invoice: "IC\(n)", amount: "100.00", arnN: n, auth: String(format: "AU%04d", n), at: at, n: "pc\(n)")
    }

    /// A TC 05 presenting capture `n` by its ARN.
    static func presentment(_ n: Int) -> VisaTransaction { .draft(Recon.draft(.purchase, arnN: n, source: (10_000, .hkd))) }

    struct Run {
        var submitted: [SubmitService.Result] = []
        var report: ReconReport?
        var errors: [String] = []
    }

    /// Submits captures `before`+1 … `before`+`during` on one thread while another reconciles
    /// `path`, gated as `overlap` says.
    static func concurrently(_ url: String, _ path: String, _ overlap: Overlap) -> Run {
        let run = LockedBox(Run())
        let atGate = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let reachedGate = LockedBox(false), released = LockedBox(false)
        let lines = ((before + 1)...(before + during)).map(capture)
        let threads = DispatchGroup()

        threads.enter()
        Thread.detachNewThread {
            defer {
                if !reachedGate.value { atGate.signal() }   // never leave the main thread waiting
                threads.leave()
            }
            do {
                let service = SubmitService(store: try openStore(url), tokenKey: testTokenKey)
                service.chunkEventsMax = 1   // one capture per transaction: the gate falls between two of them
                service.beforeAppend = { call, _ in
                    guard call == gate, !reachedGate.value else { return }
                    reachedGate.mutate { $0 = true }
                    atGate.signal()
                    guard release.wait(timeout: .now() + .seconds(hangGuardSeconds)) == .success else {
                        throw AppError.rejected("the reconcile never let the submit go on")
                    }
                }
                let results = try SubmitConcurrencyTests.run(service, lines)
                run.mutate { $0.submitted = results }
            } catch { run.mutate { $0.errors.append("submit: \(error)") } }
        }

        atGate.wait()
        threads.enter()
        Thread.detachNewThread {
            func releaseOnce() {
                guard !released.value else { return }
                released.mutate { $0 = true }
                release.signal()
            }
            defer {
                releaseOnce()   // whatever happened, the submit goes on
                threads.leave()
            }
            do {
                let service = ReconcileService(store: try openStore(url), tokenKey: testTokenKey) { phase, _ in
                    if phase == overlap.releasePhase { releaseOnce() }
                }
                let report = try service.run(path: path)
                run.mutate { $0.report = report }
            } catch { run.mutate { $0.errors.append("reconcile: \(error)") } }
        }
        threads.wait()
        return run.value
    }

    /// The outcomes a line can have (missing_in_file and net_mismatch are not about a line).
    static let lineOutcomes = ReconOutcome.allCases.filter { $0 != .missingInFile && $0 != .netMismatch }

    /// record → exception kind of the line exceptions of `fileId`.
    static func lineExceptions(_ c: PGConnection, fileId: String) throws -> [Int64: String] {
        let r = try c.execute("SELECT record_number, kind FROM recon.exceptions WHERE file_id = $1 AND record_number IS NOT NULL",
                              [.text(fileId)])
        var out: [Int64: String] = [:]
        for row in 0..<r.rowCount { out[try r.int64(row, 0)] = try r.string(row, 1) }
        return out
    }

    /// Every item an import matched: (file, record, item id, action), in log order.
    static func matchedItems(_ c: PGConnection) throws -> [(fileId: String, item: SettlementItem)] {
        let r = try c.execute("SELECT event_type, schema_version, body FROM ledger.events WHERE event_type = 'SettlementItemsMatched' ORDER BY seq")
        var out: [(String, SettlementItem)] = []
        for row in 0..<r.rowCount {
            let event = try DomainEvent.decode(eventType: try r.string(row, 0), schemaVersion: Int(try r.int64(row, 1)),
                                               body: Array(try r.bytes(row, 2)))
            guard case .settlementItemsMatched(let m) = event else { continue }
            out += m.items.map { (m.fileId, $0) }
        }
        return out
    }

    /// Payments resolved by `match` (manual_match), in log order.
    static func manuallyMatched(_ c: PGConnection) throws -> [String] {
        let r = try c.execute("""
            SELECT convert_from(body, 'UTF8')::jsonb ->> 'paymentId' FROM ledger.events
             WHERE event_type = 'ReconciliationExceptionResolved' AND convert_from(body, 'UTF8')::jsonb ->> 'resolution' = 'manual_match'
             ORDER BY seq
            """)
        return try (0..<r.rowCount).map { try r.string($0, 0) }
    }

    /// The whole scenario; returns the payments whose lines in the first file were after its
    /// snapshot.
    @discardableResult
    static func scenario(_ overlap: Overlap) throws -> [Int] {
        var late: [Int] = []
        try TestDatabase.with { url in
            try ledger(url)
            let all = Array(1...(before + during))
            let first = try Recon.consistentFile(all.map(presentment) + [presentment(unknownARN)])
            defer { try? FileManager.default.removeItem(atPath: first.path) }
            let recordOf = Dictionary(uniqueKeysWithValues: all.map { ($0, Int64(first.records[$0 - 1])) })
            let unknownRecord = Int64(first.records[all.count])

            let run = concurrently(url, first.path, overlap)
            #expect(run.errors.isEmpty, "\(run.errors)")
            let report = try #require(run.report)
            #expect(report.rejection == nil && report.refusal == nil && !report.alreadyImported)

            // The submit completed every command.
            #expect(run.submitted.count == during && run.submitted.allSatisfy { $0.status == .accepted },
                    "\(run.submitted.filter { $0.status != .accepted })")

            let c = try openStore(url).connection
            // The head the import read under the lock (nothing has caught recon.items up since).
            let head = try c.execute("SELECT last_seq FROM recon.cursors WHERE ledger_id = 'main'").int64(0, 0)
            let captured = try c.execute("""
                SELECT convert_from(body, 'UTF8')::jsonb ->> 'paymentId', seq FROM ledger.events WHERE event_type = 'PaymentCaptured'
                """)
            var seqOf: [String: Int64] = [:]
            for row in 0..<captured.rowCount { seqOf[try captured.string(row, 0)] = try captured.int64(row, 1) }
            #expect(seqOf.count == before + during)
            let imported = try c.execute("SELECT min(seq) FROM ledger.events WHERE stream_id = $1",
                                         [.text(StreamID.settlementFile(report.fileId))]).int64(0, 0)
            #expect(head < imported, "the import appends after the head it matched against")
            // Whatever the interleaving, the captures before the gate are in the snapshot.
            for n in 1...(before + gate) { #expect((seqOf[payment(n)] ?? .max) <= head, "\(payment(n)) was committed before the import started") }

            // Each line: matched to its capture iff that capture is in the snapshot, else missing_in_ledger.
            let matched1 = try matchedItems(c).filter { $0.fileId == report.fileId }.map(\.item)
            let exceptions1 = try lineExceptions(c, fileId: report.fileId)
            let matchedByRecord = Dictionary(grouping: matched1, by: \.record)
            for n in all {
                let record = recordOf[n]!, seq = seqOf[payment(n)] ?? .max
                if seq <= head {
                    #expect(matchedByRecord[record]?.map(\.itemId) == [payment(n)], "line \(record) (\(payment(n)), seq \(seq) ≤ head \(head))")
                    #expect(exceptions1[record] == nil)
                } else {
                    #expect(matchedByRecord[record] == nil, "line \(record) (\(payment(n)), seq \(seq) > head \(head)) matched nothing")
                    #expect(exceptions1[record] == ReconOutcome.missingInLedger.rawValue)
                    late.append(n)
                }
            }
            #expect(exceptions1[unknownRecord] == ReconOutcome.missingInLedger.rawValue)
            #expect(matched1.allSatisfy { seqOf[$0.itemId].map { $0 <= head } == true })
            #expect(Set(matched1.map(\.itemId)).count == matched1.count, "no item matched twice by one file")

            // The counts add up: every line has exactly one outcome.
            let lines = all.count + 1
            #expect(lineOutcomes.map { report.outcomes[$0] ?? 0 }.reduce(0, +) == lines, "\(report.outcomes)")
            #expect(report.outcomes[.matched] ?? 0 == all.count - late.count)
            #expect(report.outcomes[.missingInLedger] ?? 0 == late.count + 1)
            #expect(report.outcomes[.missingInFile] ?? 0 == 0 && report.outcomes[.netMismatch] ?? 0 == 0)
            #expect(report.exceptionsOpened == late.count + 1)
            if overlap == .afterSnapshot {
                // The submit waited at the gate until the snapshot was read: exactly the captures
                // from the gate on are after it.
                #expect(late == Array((before + gate + 1)...(before + during)))
            }

            // Nothing submitted meanwhile is lost: the first half of the late captures is matched
            // by hand to its missing_in_ledger line, the second half by the next file, which also
            // presents the manually matched ones and an already matched one again.
            let service = ExceptionService(store: try openStore(url))
            let byHand = Array(late.prefix(late.count / 2)), byFile = Array(late.dropFirst(late.count / 2))
            for n in byHand {
                _ = try service.match(exceptionId: ExceptionSpec.Id.line(fileId: report.fileId, record: recordOf[n]!), paymentId: payment(n),
                                      note: "presented before the capture was submitted")
            }
            let again = 1   // matched by the first file (committed before it started)
            let secondLines = late + [again]
            let second = try Recon.consistentFile(secondLines.map(presentment), fileSeq: "002")
            defer { try? FileManager.default.removeItem(atPath: second.path) }
            let report2 = try Recon.reconcile(url, second.path).report
            #expect(report2.rejection == nil && report2.refusal == nil && !report2.alreadyImported)
            #expect(lineOutcomes.map { report2.outcomes[$0] ?? 0 }.reduce(0, +) == secondLines.count, "\(report2.outcomes)")
            #expect(report2.outcomes[.matched] ?? 0 == byFile.count)
            #expect(report2.outcomes[.duplicatePresentment] ?? 0 == byHand.count + 1)
            let matched2 = try matchedItems(c).filter { $0.fileId == report2.fileId }.map(\.item)
            let exceptions2 = try lineExceptions(c, fileId: report2.fileId)
            for (k, n) in secondLines.enumerated() {
                let record = Int64(second.records[k])
                if byFile.contains(n) {
                    #expect(matched2.filter { $0.record == record }.map(\.itemId) == [payment(n)], "second file, line \(record)")
                } else {
                    #expect(exceptions2[record] == ReconOutcome.duplicatePresentment.rawValue, "second file, line \(record)")
                }
            }

            // Across both imports and the manual matches, every capture is matched exactly once.
            let everyMatch = try matchedItems(c).filter { $0.item.action == .presentCapture }.map(\.item.itemId) + manuallyMatched(c)
            #expect(everyMatch.sorted() == all.map(payment).sorted(), "each capture matched exactly once: \(everyMatch)")
            let rows = try c.execute("SELECT count(*), count(DISTINCT item_id) FROM recon.matches WHERE kind = 'capture'")
            #expect(try rows.int64(0, 0) == Int64(all.count) && rows.int64(0, 1) == Int64(all.count))

            let b = try Recon.balances(url)
            #expect(Recon.trialBalance(b).values.allSatisfy { $0 == 0 }, "\(Recon.trialBalance(b))")
            #expect(b["scheme/visa/settlement"]?["HKD"] == (first.nets[.hkd] ?? 0) + (second.nets[.hkd] ?? 0))
            #expect((b["scheme/visa/clearing"]?["HKD"] ?? 0) == 0, "every capture left clearing once")
            #expect(try Recon.verifies(url))
        }
        return late
    }

    @Test("the submit resumes once the import has read its snapshot: the captures before are matched, the later ones are missing_in_ledger, then matched by hand and by the next file, none twice")
    func captureAfterSnapshotIsNextImports() throws {
        try Self.scenario(.afterSnapshot)
    }

    @Test("the submit's commits race the import's lock and head read: each line matches iff its capture's seq ≤ the recorded head, and every capture ends matched exactly once")
    func captureRacingSnapshotIsMatchedOnce() throws {
        try Self.scenario(.racingSnapshot)
    }
}
