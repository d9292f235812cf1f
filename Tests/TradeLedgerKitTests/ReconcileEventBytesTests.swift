import Foundation
import LibPQ
import TestSupport
import Testing
import TradeLedgerKit

/// The bytes an import appends, pinned: the import streams its matched items and fees through a
/// spool into the bulk append instead of holding them, and must append exactly what the
/// in-memory form appended (same events, order, streams, versions, event ids and bodies).
@Suite("reconcile appends pinned event bytes", .serialized)
struct ReconcileEventBytesTests {
    /// SHA-256 over every event of the import (stream, version, event id, type, schema version,
    /// business time and body, in seq order), as the in-memory import (main at 6a5ce5c) appended
    /// them for this generated day: 19 events, the matched items in 3 parts of at most 1,000.
    /// Re-pinned with schema/020 (2026-12-04): the day's left-out refund's missing_in_file id is
    /// now `MIF-RF-{payment}-R{refund}-L{n}` and its evidence names the payment; with those two texts
    /// put back as they were, the events hashed to the old pin, e9bee8f2…9b1d.
    static let pinned = "c8b776a333c466809da79496cd1dccbf51be3ae0c9aeb5fc09c2d55b5691074d"
    static let pinnedCount: Int64 = 19

    static func eventsHash(_ url: String) throws -> (count: Int64, sha256: String) {
        let r = try PGConnection(url).execute("""
            SELECT count(*), encode(sha256(string_agg(convert_to(stream_id || '|' || stream_version || '|' || event_id::text || '|' ||
                   event_type || '|' || schema_version || '|' || effective_at::text || '|', 'UTF8') || body || '\\x0a'::bytea,
                   ''::bytea ORDER BY seq)), 'hex')
              FROM ledger.events WHERE command_id LIKE 'reconcile-%'
            """)
        return (try r.int64(0, 0), try r.string(0, 1))
    }

    @Test("importing a generated day of 4,127 records appends the pinned events, byte for byte")
    func pinnedBytes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tl-pin-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let day = try ScenarioGenerator(merchants: 6, buyers: 60, payments: 2_500, seed: 20_260_515, invalidEvery: 40).writeDay(to: dir)
        try TestDatabase.with { url in
            try submit(url, String(decoding: try Data(contentsOf: URL(fileURLWithPath: day.commandsPath)), as: UTF8.self))
            let report = try Recon.reconcile(url, day.settlementPath, graceDays: day.expected.graceDays).report
            #expect(report.records == 4_127 && report.rejection == nil && report.eventsAppended == Int(Self.pinnedCount))
            #expect(report.json.contains("\"outcomes\":" + day.expected.outcomesJSON))
            let (count, sha256) = try Self.eventsHash(url)
            #expect(count == Self.pinnedCount)
            #expect(sha256 == Self.pinned)
        }
    }
}
