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

            // Keeping some trade streams (what submit keeps of the batch in flight): the state of
            // the other streams and those, loaded from the log.
            let some = Set(trade.enumerated().filter { $0.offset % 3 == 0 }.map(\.element))
            #expect(Set(some.compactMap(StreamID.type(of:))).isSuperset(of: [StreamID.invoiceType, StreamID.paymentType]))
            var othersAndSome = LedgerState()
            try StateLoader(store: store).load(Set(ids.filter { !trade.contains($0) || some.contains($0) }.map(StreamNeed.stream)),
                                               into: &othersAndSome)
            let keptSome = all.withoutTradeStreams(keeping: some)
            // An invoice's `refundedMinor` is folded from its payments' streams only when the
            // invoice is loaded first (`InvoiceState`: reporting only, no decision reads it), so
            // it depends on the order the streams were loaded in; everything else must be equal.
            func decisionParts(_ s: LedgerState) -> [String] {
                s.invoices.sorted { $0.key < $1.key }.map { "\($0.value.issued) \($0.value.paidMinor) \($0.value.creditedMinor) \($0.value.paymentIds) \($0.value.creditNoteIds.sorted())" }
            }
            #expect(decisionParts(keptSome) == decisionParts(othersAndSome))
            #expect(keptSome.payments == othersAndSome.payments && keptSome.exceptions == othersAndSome.exceptions)
            #expect(keptSome.payouts == othersAndSome.payouts && keptSome.payoutHolds == othersAndSome.payoutHolds)
            #expect(keptSome.parties == othersAndSome.parties && keptSome.cards == othersAndSome.cards && keptSome.programs == othersAndSome.programs)
            #expect(keptSome.programListing == othersAndSome.programListing && keptSome.closedThrough == othersAndSome.closedThrough)
            #expect(keptSome.fxRates == othersAndSome.fxRates && keptSome.loadedStreamTypes == othersAndSome.loadedStreamTypes)
            #expect(keptSome.streamVersions == othersAndSome.streamVersions && keptSome.loadedStreams == othersAndSome.loadedStreams)
            #expect(!keptSome.invoices.isEmpty && keptSome.invoices.count < all.invoices.count)
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
        func run(_ url: String, bound: Int) throws -> ([String], [String], (tradeStreams: Int, all: Int), SubmitService.Summary) {
            var input = try CommandInput(path: path)
            let service = SubmitService(store: try openStore(url), reader: try openStore(url), tokenKey: testTokenKey, batchCommands: 25)
            service.stateStreamsMax = bound
            var results: [String] = []
            let summary = try service.run(&input, emit: { results.append(SubmitDecideAheadTests.outcome($0)) })
            return (results, try SubmitDecideAheadTests.events(url), service.stateBounded, summary)
        }
        try TestDatabase.with { unboundedURL in
            let (results, events, unbounded, unboundedSummary) = try run(unboundedURL, bound: 1_000_000)
            #expect(unbounded.tradeStreams == 0 && unbounded.all == 0)
            #expect(unboundedSummary.decidedAhead > 5 && unboundedSummary.decidedAheadDiscarded == 0)
            for bound in [200, 8] {
                try TestDatabase.with { url in
                    let (boundedResults, boundedEvents, bounded, summary) = try run(url, bound: bound)
                    #expect(bounded.tradeStreams > 0, "bound \(bound)")
                    // At 200 the reference data (6 merchants, 30 buyers, their cards, the programmes)
                    // stays; at 8 it is past half the bound, so everything is dropped as well.
                    #expect(bound == 200 ? bounded.all == 0 : bounded.all > 0, "bound \(bound): \(bounded)")
                    // At 200 the trade streams are dropped while a batch is in flight, keeping those
                    // it writes, so every batch is still decided ahead; at 8 the batches after which
                    // everything is dropped wait for the one in flight.
                    // No conflict either: a stream of the batch in flight reloaded from the log
                    // (a wrong keep set) would be stale and conflict or decide differently.
                    #expect(summary.decidedAheadDiscarded == 0 && summary.conflictRetries == 0, "bound \(bound)")
                    if bound == 200 {
                        #expect(summary.decidedAhead == unboundedSummary.decidedAhead, "bound 200: \(summary.decidedAhead) of \(unboundedSummary.decidedAhead)")
                    } else {
                        #expect(summary.decidedAhead < unboundedSummary.decidedAhead, "bound 8")
                    }
                    let differs = zip(boundedResults, results).first { $0 != $1 }
                    #expect(boundedResults.count == results.count && differs == nil, "bound \(bound): \(differs.map { "\($0) ≠ \($1)" } ?? "-")")
                    #expect(boundedEvents == events, "bound \(bound)")
                }
            }
        }
    }
}
