import EventStore
import Foundation
import LedgerDomain
import LibPQ
import Money
import TestSupport
import Testing
@testable import TradeLedgerKit

/// Submit against other writers, in-process: a second submitter (or a raw writer) moves a stream
/// at a chosen point between one submitter's decisions and its append, so every interleaving is
/// deterministic.
@Suite("Submit against other writers") struct SubmitConcurrencyTests {
    static func service(_ url: String, batch: Int = SubmitService.batchCommandsMax) throws -> SubmitService {
        SubmitService(store: try openStore(url), tokenKey: testTokenKey, batchCommands: batch)
    }

    static func run(_ service: SubmitService, _ lines: [String]) throws -> [SubmitService.Result] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tl-\(UUID().uuidString).ndjson").path
        _ = FileManager.default.createFile(atPath: path, contents: Data((lines.joined(separator: "\n") + "\n").utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var input = try CommandInput(path: path)
        var results: [SubmitService.Result] = []
        _ = try service.run(&input, emit: { results.append($0) })
        return results
    }

    static func invoices(_ count: Int, price: String = "100.00") -> [String] {
        (1...count).map { Cmd.invoice("I\($0)", price: price, at: "2026-05-15T01:00:00Z", n: "inv\($0)") }
    }

    /// The SubsidyGranted bodies of a payment: (programme, amount).
    static func grants(_ url: String, payment: String) throws -> [String] {
        let r = try PGConnection(url).execute("""
            SELECT convert_from(body, 'UTF8')::jsonb ->> 'programId', convert_from(body, 'UTF8')::jsonb ->> 'amount'
              FROM ledger.events WHERE event_type = 'SubsidyGranted' AND convert_from(body, 'UTF8')::jsonb ->> 'paymentId' = $1
            """, [.text(payment)])
        return try (0..<r.rowCount).map { "\(try r.string($0, 0)) \(try r.string($0, 1))" }
    }

    @Test("a chunk that committed stays accepted (with its seqs) when a later chunk of the batch conflicts")
    func committedChunkStaysAccepted() throws {
        try TestDatabase.with { url in
            try submit(url, (Cmd.setup + Self.invoices(3)).joined(separator: "\n"))
            let a = try Self.service(url), b = try Self.service(url)
            a.chunkEventsMax = 2   // a bank transfer is 2 events: one command per chunk
            a.beforeAppend = { call, _ in
                // Between chunk 1 (T1, committed) and chunk 2 (T2): another submitter pays I2 in full.
                if call == 1 { _ = try Self.run(b, [Cmd.transfer("X2", invoice: "I2", amount: "100.00", at: "2026-05-15T02:00:00Z", n: "x2")]) }
            }
            let results = try Self.run(a, [
                Cmd.transfer("T1", invoice: "I1", amount: "100.00", at: "2026-05-15T03:00:00Z", n: "t1"),
                Cmd.transfer("T2", invoice: "I2", amount: "100.00", at: "2026-05-15T03:00:00Z", n: "t2"),
                Cmd.transfer("T3", invoice: "I3", amount: "100.00", at: "2026-05-15T03:00:00Z", n: "t3"),
            ])
            #expect(results.map(\.status) == [.accepted, .rejected, .accepted], "\(results)")
            #expect(results[0].firstSeq != nil && results[0].events == 2)
            #expect(results[1].error?.code == "exceeds_open_amount" && results[1].error?.field == "amount")
            let t1 = try PGConnection(url).execute("SELECT first_seq FROM ledger.commands WHERE command_id = 't1'").int64(0, 0)
            #expect(results[0].firstSeq == t1)
        }
    }

    @Test("when the retries run out, every line still gets one result: committed ones accepted, the rest retries_exhausted, decoding errors as they are")
    func exhaustedRetriesStillReportEveryLine() throws {
        try TestDatabase.with { url in
            try submit(url, (Cmd.setup + Self.invoices(3)).joined(separator: "\n"))
            let a = try Self.service(url), raw = try openStore(url)
            a.chunkEventsMax = 2
            var credits = 0
            a.beforeAppend = { call, _ in
                // From chunk 2 on, a writer that does not take the submitters' turn credits 0.01 on
                // I2 before every append: T2 (50.00 of 100.00) stays valid, but the invoice stream
                // it writes moves every time.
                guard call >= 1 else { return }
                credits += 1
                let event = DomainEvent.creditNoteIssued(CreditNoteIssued(
                    creditNoteId: "CN\(credits)", invoiceId: "I2", sellerId: "M1", buyerId: "B1", amount: Amount(minorUnits: 1, currency: .hkd),
                    reason: "rounding", effectiveAt: Timestamp(secondsSinceEpoch: 1_778_900_000)))
                _ = try raw.appendBulk([AppendRequest(
                    commandId: "credit-\(credits)", requestHash: Array(repeating: 7, count: 32), expectations: ["invoice-I2": .any],
                    events: [NewEvent(streamId: "invoice-I2", eventType: event.eventType, schemaVersion: Int32(event.schemaVersion),
                                      body: event.canonicalJSON(), effectiveAt: PGTimestamp(microsecondsSinceUnixEpoch: 1_778_900_000_000_000))])])
            }
            let head = try raw.head().seq
            let results = try Self.run(a, [
                Cmd.transfer("T1", invoice: "I1", amount: "100.00", at: "2026-05-15T03:00:00Z", n: "t1"),
                Cmd.transfer("T2", invoice: "I2", amount: "50.00", at: "2026-05-15T03:00:00Z", n: "t2"),
                "{\"type\": oops",
                Cmd.transfer("T3", invoice: "I3", amount: "100.00", at: "2026-05-15T03:00:00Z", n: "t3"),
            ])
            #expect(results.map(\.line) == [1, 2, 3, 4])
            #expect(results.map(\.status) == [.accepted, .rejected, .rejected, .rejected])
            #expect(results[0].firstSeq == head + 1)
            #expect(results[1].error?.code == "retries_exhausted" && results[1].commandId == "t2")
            #expect(results[1].error?.message.contains("nothing of this command was written") == true)
            #expect(results[2].error?.code == "malformed_json")
            #expect(results[3].error?.code == "retries_exhausted")
            let appended = try raw.connection.execute("SELECT count(*) FROM ledger.commands WHERE command_id IN ('t2', 't3')").int64(0, 0)
            #expect(appended == 0)
        }
    }

    @Test("a capture decided before another submitter launched a programme is decided again against the new programme set")
    func programmeLaunchedMeanwhileIsSeen() throws {
        try TestDatabase.with { url in
            let setup = Cmd.setup.map { $0.replacingOccurrences(of: #""budget":"100.00""#, with: #""budget":"3.00""#) }
            try submit(url, (setup + Self.invoices(2)).joined(separator: "\n"))
            let a = try Self.service(url), b = try Self.service(url)
            var launched = false
            a.beforeAppend = { _, _ in
                // A has loaded the programmes ({P1}) and decided; now B launches P2.
                guard !launched else { return }
                launched = true
                let p2 = try Self.run(b, [Cmd.program("P2", budget: "100.00", n: "p2")])
                precondition(p2.first?.status == .accepted, "\(p2)")
            }
            let results = try Self.run(a, [
                Cmd.capture("PA1", invoice: "I1", amount: "100.00", at: "2026-05-15T03:00:00Z", n: "pa1"),   // 3.00 from P1: used up
                Cmd.capture("PA2", invoice: "I2", amount: "100.00", at: "2026-05-15T03:00:00Z", n: "pa2"),   // P1 empty: P2 pays
            ])
            #expect(results.map(\.status) == [.accepted, .accepted], "\(results)")
            #expect(try Self.grants(url, payment: "PA1") == ["P1 3.00"])
            #expect(try Self.grants(url, payment: "PA2") == ["P2 3.00"])
        }
    }

    @Test("a period closed by another writer while a submit runs is respected from the next append on")
    func periodClosedMeanwhileIsRespected() throws {
        try TestDatabase.with { url in
            try submit(url, Cmd.setup.joined(separator: "\n"))
            let a = try Self.service(url)
            let closer = PeriodService(store: try openStore(url))
            var closed = false
            a.beforeAppend = { _, _ in
                guard !closed else { return }
                closed = true
                let outcome = try closer.close(through: CalendarDay(parsing: "2026-05-15"))
                guard case .closed = outcome else { preconditionFailure("\(outcome)") }
            }
            let results = try Self.run(a, [
                Cmd.invoice("I1", price: "10.00", at: "2026-05-15T23:59:59+00:00", n: "i1"),
                Cmd.invoice("I2", price: "10.00", at: "2026-05-16T00:00:00Z", n: "i2"),
                Cmd.invoice("I3", price: "10.00", at: "2026-05-16T07:00:00+08:00", n: "i3"),
            ])
            #expect(results.map(\.status) == [.rejected, .accepted, .rejected], "\(results)")
            #expect(results[0].error?.code == "period_closed" && results[0].error?.field == "at")
            #expect(results[0].error?.message.contains("closed through 2026-05-15") == true)
            #expect(results[2].error?.code == "period_closed")
        }
    }

    @Test("business time more than the skew ahead of the database clock is rejected, naming the limit")
    func businessTimeBeyondTheSkewIsRejectedNamingTheLimit() throws {
        try TestDatabase.with { url in
            try submit(url, Cmd.setup.joined(separator: "\n"))
            let now = try DatabaseClock.now(try PGConnection(url))
            func party(_ id: String, ahead seconds: Int64) -> String {
                Cmd.party(id, seller: false, country: "HK", n: "p-\(id)").replacingOccurrences(
                    of: "2026-05-01T00:00:00Z", with: now.adding(seconds: seconds).rfc3339)
            }
            let results = try Self.run(try Self.service(url), [party("A", ahead: 60), party("B", ahead: 86_400), party("C", ahead: -86_400)])
            #expect(results.map(\.status) == [.accepted, .rejected, .accepted], "\(results)")
            #expect(results[1].error?.code == "future_business_time" && results[1].error?.field == "at")
            #expect(results[1].error?.message.contains("more than 300 s ahead of the database clock") == true)
            let strict = SubmitService(store: try openStore(url), tokenKey: testTokenKey, futureSkewSeconds: 0)
            let again = try Self.run(strict, [party("D", ahead: 60)])
            #expect(again.first?.error?.code == "future_business_time")
            #expect(try openStore(url).streamVersions(["party-B", "party-D"]).isEmpty)
        }
    }
}
