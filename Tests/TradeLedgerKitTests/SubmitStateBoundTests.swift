import EventStore
import Foundation
import LedgerDomain
import LibPQ
import TestSupport
import Testing
@testable import TradeLedgerKit

/// `submit` keeps its in-memory state within `stateStreamsMax` streams between batches: first by
/// dropping the trade streams (`LedgerState.withoutTradeStreams`), keeping the reference data
/// every batch reads again, then, when that alone is past half the bound, by dropping everything.
/// Neither may change a decision.
@Suite("Submit bounds its state") struct SubmitStateBoundTests {
    /// A generated day (invoices, captures with subsidies, transfers, refunds, credit notes).
    static func day() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tl-\(UUID().uuidString).ndjson").path
        _ = try ScenarioGenerator(merchants: 6, buyers: 30, payments: 300, seed: 12, invalidEvery: 40).write(to: path)
        return path
    }

    @Test("the state without its trade streams is the state of the other streams alone, loaded from the log")
    func withoutTradeStreamsIsTheOtherStreamsAlone() throws {
        let path = try Self.day()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try TestDatabase.with { url in
            var input = try CommandInput(path: path)
            _ = try SubmitService(store: try openStore(url), tokenKey: testTokenKey).run(&input, emit: { _ in })
            let store = try openStore(url)
            let r = try store.connection.execute("SELECT stream_id FROM ledger.streams WHERE ledger_id = 'main' ORDER BY stream_id")
            let ids = try (0..<r.rowCount).map { try r.string($0, 0) }
            let trade = ids.filter { StreamID.type(of: $0).map(LedgerState.tradeStreamTypes.contains) ?? false }
            #expect(Set(trade.compactMap(StreamID.type(of:))).isSuperset(of: [StreamID.invoiceType, StreamID.paymentType]))
            #expect(ids.contains { $0.hasPrefix("subsidy-") } && ids.contains { $0.hasPrefix("party-") } && ids.contains { $0.hasPrefix("card-") })
            var all = LedgerState(), others = LedgerState()
            try StateLoader(store: store).load(Set(ids.map(StreamNeed.stream)), into: &all)
            try StateLoader(store: store).load(Set(ids.filter { !trade.contains($0) }.map(StreamNeed.stream)), into: &others)
            #expect(!all.invoices.isEmpty && !all.payments.isEmpty && !all.programs.isEmpty)
            let kept = all.withoutTradeStreams()
            #expect(kept == others)
            #expect(kept.invoices.isEmpty && kept.payments.isEmpty && kept.parties == all.parties && kept.programs == all.programs)
        }
    }

    @Test("LedgerState's parts are the ones withoutTradeStreams was written for (a new part must be sorted into kept or dropped)")
    func everyPartOfTheStateIsSorted() {
        let parts = Mirror(reflecting: LedgerState()).children.compactMap(\.label)
        #expect(parts.sorted() == ["cards", "closedThrough", "exceptions", "fxRates", "invoices", "loadedStreamTypes", "loadedStreams",
                                   "parties", "payments", "payoutHolds", "payouts", "programListing", "programs", "streamVersions"].sorted())
    }

    @Test("a generated day with the state bounded at 200 and at 8 streams: the same results and events as unbounded")
    func boundingTheStateChangesNoDecision() throws {
        let path = try Self.day()
        defer { try? FileManager.default.removeItem(atPath: path) }
        func run(_ url: String, bound: Int) throws -> ([String], [String], (tradeStreams: Int, all: Int)) {
            var input = try CommandInput(path: path)
            let service = SubmitService(store: try openStore(url), reader: try openStore(url), tokenKey: testTokenKey, batchCommands: 25)
            service.stateStreamsMax = bound
            var results: [String] = []
            _ = try service.run(&input, emit: { results.append(SubmitDecideAheadTests.outcome($0)) })
            return (results, try SubmitDecideAheadTests.events(url), service.stateBounded)
        }
        try TestDatabase.with { unboundedURL in
            let (results, events, unbounded) = try run(unboundedURL, bound: 1_000_000)
            #expect(unbounded.tradeStreams == 0 && unbounded.all == 0)
            for bound in [200, 8] {
                try TestDatabase.with { url in
                    let (boundedResults, boundedEvents, bounded) = try run(url, bound: bound)
                    #expect(bounded.tradeStreams > 0, "bound \(bound)")
                    // At 200 the reference data (6 merchants, 30 buyers, their cards, the programmes)
                    // stays; at 8 it is past half the bound, so everything is dropped as well.
                    #expect(bound == 200 ? bounded.all == 0 : bounded.all > 0, "bound \(bound): \(bounded)")
                    let differs = zip(boundedResults, results).first { $0 != $1 }
                    #expect(boundedResults.count == results.count && differs == nil, "bound \(bound): \(differs.map { "\($0) ≠ \($1)" } ?? "-")")
                    #expect(boundedEvents == events, "bound \(bound)")
                }
            }
        }
    }
}
