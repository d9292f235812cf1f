import EventStore
import Foundation
import TestSupport
import Testing
import TradeLedgerKit

/// `submit` reads batch N + 1 and decodes it on another thread while batch N is decided and
/// appended (`DecodeAhead`). What an operator sees must not change: results in input order, each
/// batch appended before the next is decided, and a read error (an oversize line) ending the run
/// only after every batch before it was appended and reported.
@Suite("Submit reads ahead") struct SubmitDecodeAheadTests {
    @Test("batches of two: results in order, later batches see earlier ones, and an oversize line ends the run after the batches before it")
    func readAheadKeepsOrderAndEndsAfterTheBatchesBefore() throws {
        try TestDatabase.with { url in
            try submit(url, Cmd.setup.joined(separator: "\n"))
            let lines = [
                Cmd.invoice("I1", price: "500.00", at: "2026-05-15T02:00:00Z", n: "d1"),
                Cmd.capture("P1", invoice: "I1", amount: "200.00", at: "2026-05-15T03:00:00Z", n: "d2"),
                Cmd.capture("P2", invoice: "I1", amount: "200.00", at: "2026-05-15T03:00:00Z", n: "d3"),  // batch 2 needs batch 1's invoice
                Cmd.capture("P3", invoice: "I1", amount: "200.00", at: "2026-05-15T03:00:00Z", n: "d4"),  // exceeds what is left open
                "{\"pad\":\"" + String(repeating: "x", count: 3 * CommandInput.itemBytesMax) + "\"}",          // line 5: oversize
                Cmd.invoice("I2", price: "1.00", at: "2026-05-15T02:00:00Z", n: "d6"),                     // never read
            ]
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("tl-\(UUID().uuidString).ndjson").path
            FileManager.default.createFile(atPath: path, contents: Data(lines.joined(separator: "\n").utf8))
            defer { try? FileManager.default.removeItem(atPath: path) }
            var input = try CommandInput(path: path)
            let store = try openStore(url)
            let before = try store.head().seq
            var results: [SubmitService.Result] = []
            do {
                _ = try SubmitService(store: store, tokenKey: testTokenKey, batchCommands: 2).run(&input, emit: { results.append($0) })
                Issue.record("the oversize line did not end the run")
            } catch let e as CommandInput.OversizeError {
                #expect(e.line == 5)
            }
            #expect(results.map(\.line) == [1, 2, 3, 4])
            #expect(results.map(\.status) == [.accepted, .accepted, .accepted, .rejected])
            let appended = results.compactMap(\.lastSeq).max()
            #expect(try store.head().seq == appended && appended! > before)
            let i2 = try store.connection.execute("SELECT count(*) FROM ledger.streams WHERE stream_id LIKE '%I2%'").int64(0, 0)
            #expect(i2 == 0)
        }
    }
}
