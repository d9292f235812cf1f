import EventStore
import Foundation
import Projections
import TestSupport
import TradeLedgerKit

/// The projections' tests write their logs through `submit`, the operators' path (TradeLedgerKit
/// is only the fixture here: what is under test is Projections).
let testTokenKey = Array("test-token-key-0123456789abcdef".utf8)

/// Submits NDJSON text in-process; returns the results in input order.
@discardableResult
func submit(_ url: String, _ text: String) throws -> [SubmitService.Result] {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("tl-\(UUID().uuidString).ndjson").path
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    defer { try? FileManager.default.removeItem(atPath: path) }
    var input = try CommandInput(path: path)
    var results: [SubmitService.Result] = []
    _ = try SubmitService(store: try TestDatabase.openStore(url), tokenKey: testTokenKey).run(&input, emit: { results.append($0) })
    return results
}

/// A ledger of `Scenario.lines(invoices:seed:)` submitted, every projection caught up; its store.
func projectedScenario(_ url: String, invoices: Int, seed: UInt64) throws -> EventStore {
    try submit(url, Scenario.lines(invoices: invoices, seed: seed).joined(separator: "\n"))
    let store = try TestDatabase.openStore(url)
    try ProjectionRunner(store: store).catchUp(ProjectionName.allCases)
    return store
}
