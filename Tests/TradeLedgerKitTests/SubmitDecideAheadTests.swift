import EventStore
import Foundation
import LibPQ
import TestSupport
import Testing
@testable import TradeLedgerKit

/// `submit` with a reader (what the CLI does): batch N + 1 is decided on a second connection
/// while batch N is appended (`AppendAhead`). Nothing an operator or an auditor sees may change:
/// the same results and the same events as without the reader; decisions made on top of a batch
/// that did not append as decided are made again; a batch that repeats a command of the batch in
/// flight waits for it.
@Suite("Submit decides ahead") struct SubmitDecideAheadTests {
    static func run(_ url: String, _ path: String, batch: Int, decideAhead: Bool,
                    configure: (SubmitService) -> Void = { _ in }) throws -> ([SubmitService.Result], SubmitService.Summary) {
        var input = try CommandInput(path: path)
        let service = SubmitService(store: try openStore(url), reader: decideAhead ? try openStore(url) : nil, tokenKey: testTokenKey,
                                    batchCommands: batch)
        configure(service)
        var results: [SubmitService.Result] = []
        let summary = try service.run(&input, emit: { results.append($0) })
        return (results, summary)
    }

    static func file(_ lines: [String]) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tl-\(UUID().uuidString).ndjson").path
        FileManager.default.createFile(atPath: path, contents: Data((lines.joined(separator: "\n") + "\n").utf8))
        return path
    }

    /// Every event as the log holds it, but for `recorded_at` (the clock of each database).
    static func events(_ url: String) throws -> [String] {
        let r = try PGConnection(url).execute("""
            SELECT concat_ws('|', seq, stream_id, stream_version, event_id, event_type, schema_version, encode(body, 'hex'),
                             command_id, effective_at) FROM ledger.events ORDER BY seq
            """)
        return try (0..<r.rowCount).map { try r.string($0, 0) }
    }

    static func outcome(_ r: SubmitService.Result) -> String {
        "\(r.line) \(r.commandId ?? "-") \(r.status) \(r.events) \(r.firstSeq ?? 0)-\(r.lastSeq ?? 0) \(r.error?.code ?? "")"
    }

    @Test("a generated day in batches of 40: the same results and the same events with the reader as without it")
    func sameResultsAndEventsAsWithoutTheReader() throws {
        let generated = FileManager.default.temporaryDirectory.appendingPathComponent("tl-\(UUID().uuidString).ndjson").path
        defer { try? FileManager.default.removeItem(atPath: generated) }
        // Invoices, captures, transfers, refunds, credit notes and invalid lines: later batches
        // pay, refund and credit what earlier ones issued. Then repeats: of lines batches before
        // (duplicates found in the log) and of the last batch (the batch in flight).
        _ = try ScenarioGenerator(merchants: 6, buyers: 30, payments: 300, seed: 11, invalidEvery: 25).write(to: generated)
        let all = String(decoding: FileManager.default.contents(atPath: generated)!, as: UTF8.self).split(separator: "\n").map(String.init)
        let lines = Array(all.prefix(all.count - all.count % 40))  // whole batches, so the repeats start a batch
        let path = Self.file(lines + [lines[50], lines[51], lines[lines.count - 1]] + lines[100..<140])
        defer { try? FileManager.default.removeItem(atPath: path) }
        try TestDatabase.with { plainURL in
            try TestDatabase.with { aheadURL in
                let (plain, plainSummary) = try Self.run(plainURL, path, batch: 40, decideAhead: false)
                let (ahead, summary) = try Self.run(aheadURL, path, batch: 40, decideAhead: true)
                #expect(plainSummary.decidedAhead == 0)
                #expect(summary.decidedAhead > plain.count / 40 / 2, "most batches were decided ahead")
                #expect(summary.decidedAheadDiscarded == 0)
                #expect(summary.rejected > 0 && summary.duplicate > 0 && summary.accepted > 300, "the day exercises every status")
                let differs = zip(ahead, plain).first { Self.outcome($0) != Self.outcome($1) }
                #expect(ahead.count == plain.count && differs == nil, "first difference: \(differs.map { "\(Self.outcome($0)) ≠ \(Self.outcome($1))" } ?? "-")")
                let events = try Self.events(aheadURL), plainEvents = try Self.events(plainURL)
                #expect(events.count == summary.events && events == plainEvents)
            }
        }
    }

    @Test("when the batch before conflicts, the batch decided on top of it is decided again from reloaded state")
    func decidedAgainAfterAConflict() throws {
        try TestDatabase.with { url in
            try submit(url, (Cmd.setup + (1...3).map { Cmd.invoice("I\($0)", price: "100.00", at: "2026-05-15T01:00:00Z", n: "inv\($0)") })
                .joined(separator: "\n"))
            let other = SubmitService(store: try openStore(url), tokenKey: testTokenKey)
            let path = Self.file([
                Cmd.transfer("T1", invoice: "I1", amount: "100.00", at: "2026-05-15T03:00:00Z", n: "t1"),
                Cmd.transfer("T2", invoice: "I2", amount: "50.00", at: "2026-05-15T03:00:00Z", n: "t2"),
                // Batch 2, decided while batch 1 is appended, against batch 1's effects: I2 has
                // 50.00 open after T2. Once another submitter has paid 50.00 of I2 as well, it has none.
                Cmd.transfer("T3", invoice: "I2", amount: "50.00", at: "2026-05-15T03:00:00Z", n: "t3"),
                Cmd.transfer("T4", invoice: "I3", amount: "100.00", at: "2026-05-15T03:00:00Z", n: "t4"),
            ])
            defer { try? FileManager.default.removeItem(atPath: path) }
            let (results, summary) = try Self.run(url, path, batch: 2, decideAhead: true) { service in
                service.beforeAppend = { call, _ in
                    // Before batch 1's first append: the other submitter pays 50.00 of I2.
                    if call == 0 {
                        var input = try CommandInput(path: Self.file([
                            Cmd.transfer("X2", invoice: "I2", amount: "50.00", at: "2026-05-15T02:00:00Z", n: "x2")]))
                        _ = try other.run(&input, emit: { _ in })
                    }
                }
            }
            #expect(results.map(\.status) == [.accepted, .accepted, .rejected, .accepted], "\(results)")
            #expect(results[2].error?.code == "exceeds_open_amount")
            #expect(summary.conflictRetries == 1)
            #expect(summary.decidedAhead == 1 && summary.decidedAheadDiscarded == 1)
            let paid = try PGConnection(url).execute("""
                SELECT count(*) FROM ledger.commands WHERE command_id IN ('t1', 't2', 't4', 'x2') AND first_seq IS NOT NULL
                """).int64(0, 0)
            #expect(paid == 4)
            let t3 = try PGConnection(url).execute("SELECT count(*) FROM ledger.commands WHERE command_id = 't3'").int64(0, 0)
            #expect(t3 == 0)
        }
    }

    @Test("a batch repeating a command of the batch in flight waits for it, and reports the duplicate with the first one's seqs")
    func repeatOfTheBatchInFlightWaitsForIt() throws {
        try TestDatabase.with { url in
            try submit(url, Cmd.setup.joined(separator: "\n"))
            let invoice = Cmd.invoice("I1", price: "100.00", at: "2026-05-15T01:00:00Z", n: "inv1")
            let path = Self.file([
                invoice,
                Cmd.invoice("I2", price: "100.00", at: "2026-05-15T01:00:00Z", n: "inv2"),
                invoice,  // batch 2: decided ahead, it would find I1 issued (in memory) but not yet appended
                Cmd.invoice("I3", price: "100.00", at: "2026-05-15T01:00:00Z", n: "inv3"),
            ])
            defer { try? FileManager.default.removeItem(atPath: path) }
            let (results, summary) = try Self.run(url, path, batch: 2, decideAhead: true)
            #expect(results.map(\.status) == [.accepted, .accepted, .duplicate, .accepted], "\(results)")
            #expect(results[2].firstSeq == results[0].firstSeq && results[2].lastSeq == results[0].lastSeq && results[0].firstSeq != nil)
            #expect(summary.decidedAhead == 0, "the batch with the repeat was decided after the batch before it")
        }
    }
}
