import EventStore
import LibPQ
@testable import Projections
import TestSupport
import Testing

/// The switch of a blue/green rebuild when the live projection and the rebuild stand at
/// different seqs and the log moved on after the rebuild's last page. Driven step by step:
/// the live runner stops at A, the rebuild's pages stop at B > A, events B+1…C arrive, and
/// only then does the switch run (the window that a concurrent submit opens in `rebuild`).
@Suite("Rebuild switch") struct RebuildSwitchTests {
    struct Staged {
        var store: EventStore
        var generation: Int64
        var liveSeq, rebuildSeq, headSeq: Int64
    }

    /// Live at A, the rebuild's generation at B, the head at C (A < B < C). The page size is
    /// larger than the whole log, so a catch-up that is not bounded at B reads past it.
    static func staged(_ url: String, projection: ProjectionName) throws -> Staged {
        let all = Scenario.lines(invoices: 90, seed: 21)
        try submit(url, all.prefix(60).joined(separator: "\n"))
        let store = try TestDatabase.openStore(url)
        try ProjectionRunner(store: store).catchUp(projection)
        let a = try store.head().seq
        try submit(url, all.dropFirst(60).prefix(60).joined(separator: "\n"))
        let b = try store.head().seq
        let paused = try ProjectionRebuilder(store: store, pageRows: 10_000).rebuild(projection) { _, _ in false }
        #expect(!paused.switched && paused.seq == b)
        try submit(url, all.dropFirst(120).joined(separator: "\n"))
        let c = try store.head().seq
        let generation = try store.connection.execute("SELECT generation FROM proj.rebuilds WHERE ledger_id = 'main' AND projection = $1",
                                                      [.text(projection.rawValue)]).int64(0, 0)
        #expect(a < b && b < c)
        return Staged(store: store, generation: generation, liveSeq: a, rebuildSeq: b, headSeq: c)
    }

    @Test("a live projection behind the rebuild is compared at one seq: no false difference")
    func behindComparesAtOneSeq() throws {
        for p in ProjectionName.allCases {
            try TestDatabase.with { url in
                let s = try Self.staged(url, projection: p)
                let r = try ProjectionRebuilder(store: s.store, pageRows: 10_000).switchOver(p, generation: s.generation, force: false)
                #expect(r.switched && r.fingerprint == r.previousFingerprint, "\(p)")
                #expect(r.comparedAtSeq == s.rebuildSeq, "\(p)")
                #expect(r.seq == s.headSeq, "\(p)")
                let status = try ProjectionRunner(store: s.store).status().first { $0.projection == p }!
                #expect(status.checkpointSeq == s.headSeq && status.rebuildingToSeq == nil, "\(p)")
                _ = try ProjectionVerifier(store: s.store).run()
            }
        }
    }

    @Test("a forced switch over a lagging live projection leaves no event out of the new generation")
    func forcedSwitchMissesNothing() throws {
        try TestDatabase.with { url in
            let s = try Self.staged(url, projection: .balances)
            // The live generation is made to differ (as after a projection code fix).
            try s.store.connection.execute("""
                UPDATE proj.balances SET debits_minor = debits_minor + 1
                 WHERE ledger_id = 'main' AND generation <> $1 AND account = 'platform/revenue/commission'
                """, [.int8(s.generation)])
            let r = try ProjectionRebuilder(store: s.store, pageRows: 10_000).switchOver(.balances, generation: s.generation, force: true)
            #expect(r.switched && r.fingerprint != r.previousFingerprint)
            #expect(r.seq == s.headSeq)
            // Nothing is left for the runner, and the new generation equals a replay of the whole log.
            #expect(try ProjectionRunner(store: s.store).catchUp(.balances) == 0)
            let verified = try ProjectionVerifier(store: s.store).run()
            #expect(verified.checkpointSeqs[.balances] == s.headSeq)
            let fresh = try ProjectionRebuilder(store: s.store).rebuild(.balances)
            #expect(fresh.fingerprint == verified.fingerprints[.balances] && fresh.fingerprint == fresh.previousFingerprint)
        }
    }

    @Test("a live projection ahead of the rebuild is compared at the live seq")
    func aheadComparesAtLiveSeq() throws {
        try TestDatabase.with { url in
            let s = try Self.staged(url, projection: .invoices)
            try ProjectionRunner(store: s.store).catchUp(.invoices)  // live now at C, the rebuild at B
            let r = try ProjectionRebuilder(store: s.store, pageRows: 7).switchOver(.invoices, generation: s.generation, force: false)
            #expect(r.switched && r.fingerprint == r.previousFingerprint)
            #expect(r.comparedAtSeq == s.headSeq && r.seq == s.headSeq)
            _ = try ProjectionVerifier(store: s.store).run()
        }
    }
}
