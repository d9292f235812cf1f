import EventStore
import Foundation
import LibPQ
import Projections
import TestSupport
import Testing
import TradeLedgerKit

/// A body stored past the application (by a superuser, through `ledger.append` directly) that
/// the domain cannot read stops the projections with an error naming its seq, never a trap.
@Suite("Projections over a forged body") struct ForgedBodyTests {
    /// The ledger of `Cmd.handChecked`, then a copy of its first PaymentCaptured
    /// with the subsidy amount removed (the programme id kept), appended as the superuser.
    /// Returns the forged event's seq.
    static func forged(_ url: String) throws -> Int64 {
        try submit(url, Cmd.handChecked.joined(separator: "\n"))
        let su = try PGConnection(url)
        let r = try su.execute("SELECT body, effective_at FROM ledger.events WHERE ledger_id = 'main' AND event_type = 'PaymentCaptured' ORDER BY seq LIMIT 1")
        let body = String(decoding: try r.bytes(0, 0), as: UTF8.self)
        let edited = body.replacingOccurrences(of: #""subsidy":"3.00","#, with: "")
        #expect(edited != body && edited.contains(#""subsidyProgramId":"P1""#))
        let store = EventStore(connection: su, ledgerId: "main")
        let outcome = try store.append(AppendRequest(
            commandId: "forged", requestHash: Array(repeating: 7, count: 32), expectations: ["payment-FORGED": .noStream],
            events: [NewEvent(streamId: "payment-FORGED", eventType: "PaymentCaptured", schemaVersion: 2, body: Array(edited.utf8),
                              effectiveAt: try r.timestamp(0, 1))]))
        return outcome.seqRange.lowerBound
    }

    @Test("the runner, verify and `projections run` (exit 4, as verify) name the seq of a PaymentCaptured with subsidyProgramId and no subsidy")
    func forgedCaptureWithoutSubsidyIsNamedBySeqByRunnerVerifyAndCLI() throws {
        try TestDatabase.with { url in
            let seq = try Self.forged(url)
            let store = try openStore(url)
            do {
                try ProjectionRunner(store: store).catchUp(ProjectionName.allCases)
                Issue.record("the runner applied a forged body")
            } catch let e as ProjectionError {
                #expect(e.seq == seq)
                #expect(e.description.contains("seq \(seq)") && e.description.contains("subsidy"), "\(e)")
            }
            // Nothing the operator gave was rejected (exit 1): the log cannot be folded, a failed
            // verification (exit 4), as `verify` says below; `--follow` stops on it the same way.
            let cli = try CLIProcess.run(["projections", "run", "--database-url", url])
            #expect(cli.status == 4 && cli.err.contains("seq \(seq)"), "\(cli.status) \(cli.err)")
            let follow = try CLIProcess.run(["projections", "run", "--follow", "--database-url", url])
            #expect(follow.status == 4 && follow.err.contains("seq \(seq)"), "\(follow.status) \(follow.err)")
            let verify = try CLIProcess.run(["verify", "--database-url", url])
            #expect(verify.status == 4 && verify.err.contains("seq \(seq)"), "\(verify.status) \(verify.err)")
            // A rebuild folds the same log from seq 0: the same failure, the same code.
            let rebuild = try CLIProcess.run(["projections", "rebuild", "--database-url", url])
            #expect(rebuild.status == 4 && rebuild.err.contains("seq \(seq)"), "\(rebuild.status) \(rebuild.err)")
        }
    }

    @Test("a rebuild that differs from the live projection exits 4 (a failed comparison) and switches nothing; --force switches")
    func rebuildThatDiffersExits4() throws {
        try TestDatabase.with { url in
            try submit(url, Cmd.handChecked.joined(separator: "\n"))
            #expect(try CLIProcess.run(["projections", "run", "--database-url", url]).status == 0)
            let su = try PGConnection(url)
            let changed = try su.execute("""
                UPDATE proj.balances SET debits_minor = debits_minor + 1
                 WHERE ledger_id = 'main' AND account = (SELECT min(account) FROM proj.balances WHERE ledger_id = 'main')
                """)
            #expect(changed.affectedRows > 0)
            let generation = { try su.execute("SELECT generation FROM proj.generations WHERE ledger_id = 'main' AND projection = 'balances'").int64(0, 0) }
            let live = try generation()
            let differs = try CLIProcess.run(["projections", "rebuild", "balances", "--database-url", url])
            #expect(differs.status == 4 && differs.err.contains("differs from the live projection") && differs.err.contains("--force"),
                    "\(differs.status) \(differs.err)")
            #expect(try generation() == live, "nothing switched")
            let forced = try CLIProcess.run(["projections", "rebuild", "balances", "--force", "--database-url", url])
            #expect(forced.status == 0 && forced.out.contains("(forced)"), "\(forced.status) \(forced.err)")
            #expect(try generation() != live)
        }
    }

    @Test("an overtaken rebuild is no failed verification: `foldingTheLog` leaves it at exit 1; a fold failure becomes exit 4")
    func overtakenStaysExit1() {
        let overtaken = ProjectionError("another rebuild switched first", projection: .balances, kind: .overtaken)
        let folding = ProjectionError("cannot apply the event at seq 9", projection: .balances, seq: 9)
        for (error, code) in [(overtaken, Int32(1)), (folding, Int32(4))] {
            do {
                try ProjectionService.foldingTheLog { throw error }
                Issue.record("foldingTheLog swallowed the error")
            } catch {
                #expect(CommandFailure(error).exitCode == code, "\(error)")
            }
        }
    }
}
