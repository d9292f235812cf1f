import EventStore
import Foundation
import LibPQ
import Projections
import TestSupport
import Testing
@testable import TradeLedgerKit

/// Tamper evidence that does not trust the database: seals signed outside it, and a verify
/// that reads one snapshot.
@Suite("Seals and tamper evidence") struct SealTests {
    static func tempPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tl-seal-\(UUID().uuidString)-\(name)").path
    }

    /// A ledger of `invoices` invoices on the setup parties, projections caught up.
    static func ledger(_ url: String, invoices: Int = 6) throws {
        let lines = Cmd.setup + (1...invoices).map { Cmd.invoice("I\($0)", price: "1\($0).00", at: "2026-05-15T01:00:00Z", n: "i\($0)") }
        try submit(url, lines.joined(separator: "\n"))
        _ = try ProjectionService(store: try openStore(url)).runOnce()
    }

    static func superuser(_ url: String, _ sql: String) throws {
        try PGConnection(url).executeScript("ALTER TABLE ledger.events DISABLE TRIGGER events_append_only;\n" + sql
                                            + "\nALTER TABLE ledger.events ENABLE TRIGGER events_append_only;")
    }

    /// What a superuser who wants to hide an edit does: recompute every hash from `seq` on, and
    /// the head and the checkpoints with them.
    static func recomputeChain(_ url: String, from seq: Int) throws {
        try superuser(url, """
            DO $$ DECLARE r record; prev bytea; BEGIN
              SELECT hash INTO prev FROM ledger.events WHERE ledger_id = 'main' AND seq = \(seq - 1);
              FOR r IN SELECT * FROM ledger.events WHERE ledger_id = 'main' AND seq >= \(seq) ORDER BY seq LOOP
                UPDATE ledger.events SET prev_hash = prev,
                       hash = ledger.event_hash_v2(prev, r.ledger_id, r.seq, r.stream_id, r.stream_version, r.event_id, r.event_type,
                                                   r.schema_version, r.recorded_at, r.effective_at, r.command_id, r.metadata, r.body)
                 WHERE ledger_id = 'main' AND seq = r.seq RETURNING hash INTO prev;
              END LOOP;
              UPDATE ledger.log_heads SET last_hash = prev WHERE ledger_id = 'main';
              UPDATE ledger.checkpoints c SET last_hash = e.hash FROM ledger.events e
               WHERE e.ledger_id = c.ledger_id AND e.seq = c.last_seq;
            END $$;
            """)
    }

    @Test("submit, projections, verify and seal all work as the non-superuser login member of the app role")
    func everyCommandWorksAsTheNonSuperuserAppLogin() throws {
        try TestDatabase.with { url in
            let login = try TestDatabase.asApplicationLogin(url)
            let path = SubmitProcessTests.write(Cmd.setup + [Cmd.invoice("I1", price: "10.00", at: "2026-05-15T01:00:00Z", n: "i1")])
            let submitted = try CLIProcess.run(["submit", "--database-url", login, "--dev-token-key", path])
            #expect(submitted.status == 0, "\(submitted.err)")
            #expect(try CLIProcess.run(["projections", "run", "--database-url", login]).status == 0)
            let key = Self.tempPath("key"), seals = Self.tempPath("seals")
            #expect(try CLIProcess.run(["seal", "keygen", "--out", key]).status == 0)
            #expect(try CLIProcess.run(["seal", "--key", key, "--out", seals, "--database-url", login]).status == 0)
            let verified = try CLIProcess.run(["verify", "--database-url", login, "--seal", seals, "--public-key", key + ".pub"])
            #expect(verified.status == 0 && verified.out.contains("9 events intact"), "\(verified.out)\(verified.err)")
            let who = try PGConnection(login).execute("SELECT current_user::text, rolsuper FROM pg_roles WHERE rolname = current_user")
            #expect(try who.string(0, 0) == TestDatabase.appLogin && who.bool(0, 1) == false)
        }
    }

    @Test("seal keygen writes a 0600 private key and a public key, and never overwrites them")
    func keygenWritesA0600KeyPairAndNeverOverwritesIt() throws {
        let key = Self.tempPath("key")
        let r = try CLIProcess.run(["seal", "keygen", "--out", key])
        #expect(r.status == 0, "\(r.err)")
        let mode = try FileManager.default.attributesOfItem(atPath: key)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        #expect(try String(contentsOfFile: key, encoding: .utf8).hasPrefix("-----BEGIN PRIVATE KEY-----"))
        #expect(try String(contentsOfFile: key + ".pub", encoding: .utf8).hasPrefix("-----BEGIN PUBLIC KEY-----"))
        let again = try CLIProcess.run(["seal", "keygen", "--out", key])
        #expect(again.status == 2 && again.err.contains("never overwritten"), "\(again.err)")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: key)
        let loose = try CLIProcess.run(["seal", "--key", key, "--database-url", "postgresql:///x?host=/nonexistent-tl"])
        #expect(loose.status == 2 && loose.err.contains("chmod 600"), "\(loose.err)")
    }

    @Test("deleting the last events and rewinding the head passes a plain verify but not a sealed one, which names the seq")
    func truncatedLogCaughtBySeal() throws {
        try TestDatabase.with { url in
            try Self.ledger(url)
            let key = Self.tempPath("key"), seals = Self.tempPath("seals")
            #expect(try CLIProcess.run(["seal", "keygen", "--out", key]).status == 0)
            let sealed = try CLIProcess.run(["seal", "--key", key, "--out", seals, "--database-url", url])
            #expect(sealed.status == 0 && sealed.out.contains("at seq 14"), "\(sealed.err)")
            let ok = try CLIProcess.run(["verify", "--database-url", url, "--seal", seals, "--public-key", key + ".pub"])
            #expect(ok.status == 0 && ok.out.contains("seals: 1 signed digest(s) verified"), "\(ok.out)\(ok.err)")

            // The attacker removes the last three events, moves the head back, empties the
            // projections and runs them again over the shorter log.
            try Self.superuser(url, """
                DELETE FROM ledger.events WHERE ledger_id = 'main' AND seq > 11;
                UPDATE ledger.log_heads SET last_seq = 11, last_hash = (SELECT hash FROM ledger.events WHERE seq = 11);
                DELETE FROM ledger.checkpoints;
                TRUNCATE proj.generations, proj.rebuilds, proj.journal, proj.balances, proj.invoice_journal, proj.invoices, proj.subsidy_programs, proj.subsidy_merchants;
                """)
            let rebuilt = try CLIProcess.run(["projections", "run", "--database-url", url])
            #expect(rebuilt.status == 0, "\(rebuilt.out)\(rebuilt.err)")
            let plain = try CLIProcess.run(["verify", "--database-url", url])
            #expect(plain.status == 0, "without a seal the shorter log is consistent: \(plain.out)\(plain.err)")
            let bad = try CLIProcess.run(["verify", "--database-url", url, "--seal", seals, "--public-key", key + ".pub"])
            #expect(bad.status == 4)
            #expect(bad.err.contains("seq 14") && bad.err.contains("events were deleted"), "\(bad.err)")
            // The next seal refuses too: a log that no longer holds the last seal is not sealed again.
            let reseal = try CLIProcess.run(["seal", "--key", key, "--out", seals, "--database-url", url])
            #expect(reseal.status == 4 && reseal.err.contains("not sealed"), "\(reseal.err)")
        }
    }

    @Test("a chain recomputed consistently after an edit is caught by the seal, naming the first rewritten sealed seq")
    func recomputedChainIsCaughtBySealNamingTheFirstRewrittenSeq() throws {
        try TestDatabase.with { url in
            try Self.ledger(url)
            let key = Self.tempPath("key"), seals = Self.tempPath("seals")
            #expect(try CLIProcess.run(["seal", "keygen", "--out", key]).status == 0)
            #expect(try CLIProcess.run(["seal", "--key", key, "--out", seals, "--database-url", url]).status == 0)
            try Self.superuser(url, "UPDATE ledger.events SET body = replace(convert_from(body, 'UTF8'), '12.00', '92.00')::bytea WHERE seq = 10;")
            try Self.recomputeChain(url, from: 10)
            let chainOnly = try ChainVerifier(store: try openStore(url)).run()
            #expect(chainOnly.headSeq == 14, "the rewritten chain is consistent in itself")
            let bad = try CLIProcess.run(["verify", "--database-url", url, "--seal", seals, "--public-key", key + ".pub"])
            #expect(bad.status == 4)
            #expect(bad.err.contains("seq 14") && bad.err.contains("rewritten"), "\(bad.err)")
        }
    }

    @Test("an altered seal line or another key's public key fails verify")
    func alteredSealOrAnotherKeyFailsVerify() throws {
        try TestDatabase.with { url in
            try Self.ledger(url)
            let key = Self.tempPath("key"), other = Self.tempPath("other"), seals = Self.tempPath("seals")
            #expect(try CLIProcess.run(["seal", "keygen", "--out", key]).status == 0)
            #expect(try CLIProcess.run(["seal", "keygen", "--out", other]).status == 0)
            #expect(try CLIProcess.run(["seal", "--key", key, "--out", seals, "--database-url", url]).status == 0)
            let wrongKey = try CLIProcess.run(["verify", "--database-url", url, "--seal", seals, "--public-key", other + ".pub"])
            #expect(wrongKey.status == 4 && wrongKey.err.contains("does not verify"), "\(wrongKey.err)")
            let text = try String(contentsOfFile: seals, encoding: .utf8)
            try text.replacingOccurrences(of: "\"seq\":14", with: "\"seq\":13").write(toFile: seals, atomically: true, encoding: .utf8)
            let altered = try CLIProcess.run(["verify", "--database-url", url, "--seal", seals, "--public-key", key + ".pub"])
            #expect(altered.status == 4 && altered.err.contains("seq 13"), "\(altered.err)")
        }
    }

    @Test("verify catches an edited event_id, edited metadata, a deleted middle event and a reordered pair, naming the seq")
    func verifyNamesTheSeqOfEditedDeletedAndReorderedEvents() throws {
        let cases: [(String, String, String)] = [
            ("event_id", "UPDATE ledger.events SET event_id = gen_random_uuid() WHERE seq = 9;", "seq 9"),
            ("metadata", "UPDATE ledger.events SET metadata = '{\"by\":\"ops\"}' WHERE seq = 10;", "seq 10"),
            ("deleted", "DELETE FROM ledger.events WHERE seq = 8;", "seq 8"),
            ("reordered", """
                UPDATE ledger.events SET seq = 1000011 WHERE seq = 11;
                UPDATE ledger.events SET seq = 11 WHERE seq = 12;
                UPDATE ledger.events SET seq = 12 WHERE seq = 1000011;
                """, "seq 11"),
        ]
        for (what, sql, seq) in cases {
            try TestDatabase.with { url in
                try Self.ledger(url)
                try Self.superuser(url, sql)
                let bad = try CLIProcess.run(["verify", "--database-url", url])
                #expect(bad.status == 4, "\(what)")
                #expect(bad.err.contains(seq), "\(what): \(bad.err)")
            }
        }
    }

    @Test("verify beside a running submit reads one snapshot: no false failure")
    func verifyBesideARunningSubmitReadsOneSnapshot() throws {
        try TestDatabase.with { url in
            try Self.ledger(url, invoices: 2000)  // long enough a walk for appends to land during it
            // The writer (its own thread, not the test pool) appends small batches until verify
            // has run twelve times; each verify starts only once the log has grown again.
            let verifies = LockedBox(0), batches = LockedBox(0), failure = LockedBox<String?>(nil)
            let done = DispatchSemaphore(value: 0)
            Thread.detachNewThread {
                defer { done.signal() }
                do {
                    while verifies.value < 12 {
                        let b = batches.value
                        let lines = (0..<20).map { Cmd.invoice("W\(b)-\($0)", price: "10.00", at: "2026-05-15T01:00:00Z", n: "w\(b)-\($0)") }
                        try submit(url, lines.joined(separator: "\n"), batch: 5)
                        batches.mutate { $0 += 1 }
                    }
                } catch { failure.mutate { $0 = "\(error)" } }
            }
            let config = DatabaseConfig(conninfo: url)
            let watcher = try openStore(url)
            var heads: [Int64] = []
            while verifies.value < 12 && failure.value == nil {
                let deadline = Date().addingTimeInterval(60)
                while try watcher.head().seq <= (heads.last ?? 0), failure.value == nil, Date() < deadline { usleep(5_000) }
                heads.append(try VerifyService(config: config).run().chain.headSeq)
                verifies.mutate { $0 += 1 }
            }
            done.wait()
            #expect(failure.value == nil, "\(failure.value ?? "")")
            #expect(Set(heads).count == heads.count, "each verify saw the log grown (heads \(heads))")
            #expect(try VerifyService(config: config).run().chain.headSeq == Int64(2008 + 20 * batches.value))
        }
    }
}
