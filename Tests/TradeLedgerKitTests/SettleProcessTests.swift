import EventStore
import Foundation
import LibPQ
import Projections
import TestSupport
import Testing
import TradeLedgerKit

/// `settle` through the real `tradeledger` binary (built by `swift build`), as operators run it.
@Suite("Settle processes") struct SettleProcessTests {
    static let binary = CLIProcess.binary

    /// `merchants` sellers, half settling in HKD and half in CNY, each owed 100.00 HKD minus 1%.
    static func manyMerchants(_ url: String, merchants: Int) throws {
        var lines = SCmd.buyers + [SCmd.rate("HKD", "CNY", "0.9234", asOf: "2026-05-15T00:00:00Z", n: "rate")]
        for i in 0..<merchants {
            lines.append(SCmd.seller("M\(i)", settles: i % 2 == 0 ? "HKD" : "CNY", commissionBps: 100, n: "m\(i)"))
            lines += SCmd.sale("\(i)", seller: "M\(i)", ccy: "HKD", amount: "100.00", at: "2026-05-15T10:00:00Z")
        }
        let results = try submit(url, lines.joined(separator: "\n"))
        #expect(results.allSatisfy { $0.status == .accepted })
    }

    static func payouts(_ url: String) throws -> [String] {
        let c = try PGConnection(url)
        let r = try c.execute("SELECT stream_id, stream_version::text, encode(body, 'escape') FROM ledger.events WHERE event_type = 'MerchantPaidOut' ORDER BY stream_id COLLATE \"C\"")
        return try (0..<r.rowCount).map { row in try (0..<3).map { try r.string(row, $0) }.joined(separator: "|") }
    }

    static func count(_ url: String) throws -> Int64 {
        try PGConnection(url).execute("SELECT count(*) FROM ledger.events WHERE event_type = 'MerchantPaidOut'").int64(0, 0)
    }

    @Test("settle killed with SIGKILL during apply, then rerun, pays exactly what an uninterrupted run pays, never twice")
    func killedAndRerunSettlePaysWhatAnUninterruptedRunPays() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "build the CLI first (swift build)")
        let merchants = 3_000
        let args = { (url: String) in ["settle", "--database-url", url, "--date", "2026-05-15", "--chunk-commands", "20"] }
        let clean: [String] = try TestDatabase.with { url in
            try Self.manyMerchants(url, merchants: merchants)
            let r = try CLIProcess.run(args(url))
            #expect(r.status == 0, "\(r.err)")
            return try Self.payouts(url)
        }
        #expect(clean.count == merchants)
        try TestDatabase.with { url in
            try Self.manyMerchants(url, merchants: merchants)
            let p = try CLIProcess.start(args(url))
            var polls = 0
            while try Self.count(url) < 200 && p.isRunning && polls < 20_000 { usleep(1_000); polls += 1 }
            kill(p.processIdentifier, SIGKILL)
            _ = try p.wait()
            let partial = try Self.count(url)
            #expect(partial > 0 && partial < Int64(merchants), "the run was not interrupted during apply (\(partial) payouts)")

            let again = try CLIProcess.run(args(url))
            #expect(again.status == 0, "\(again.err)")
            // The rerun appends what is missing and counts the rest as paid. A commit the killed
            // client had already sent may still land after it died, so the rerun may find more
            // than `partial` paid: at least that many, and together exactly every merchant.
            let counts = again.err.split(separator: " ").compactMap { Int($0) }
            #expect(counts.count >= 2 && counts[0] + counts[1] == merchants && counts[1] >= Int(partial) && counts[0] > 0,
                    "\(again.err)")
            #expect(try Self.payouts(url) == clean, "payouts differ from an uninterrupted run")
            // HKD half: 1500 × 99.00 from the HKD bank; CNY half: 1500 × 99.00 × 0.9234 = 91.4166 → 91.42 CNY each.
            let store = try openStore(url)
            _ = try ProjectionService(store: store).runOnce()
            let q = ProjectionQueries(connection: store.connection, ledgerId: "main")
            let bank = Dictionary(uniqueKeysWithValues: try q.balances(accountPrefix: "platform/bank/").map { ($0.account, $0.balance.minorUnits) })
            #expect(bank["platform/bank/HKD"] == Int64(merchants) * 10_000 - Int64(merchants / 2) * 9_900)
            #expect(bank["platform/bank/CNY"] == -Int64(merchants / 2) * 9_142)
            for t in try q.trialBalance() { #expect(t.net == 0) }
            _ = try ProjectionVerifier(store: store).run()
        }
    }

    @Test("two settle processes racing on the same date pay every merchant exactly once")
    func racingSettlesPayEveryMerchantOnce() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "build the CLI first (swift build)")
        try TestDatabase.with { url in
            let merchants = 1_000
            try Self.manyMerchants(url, merchants: merchants)
            let args = ["settle", "--database-url", url, "--date", "2026-05-15", "--chunk-commands", "10"]
            let a = try CLIProcess.start(args), b = try CLIProcess.start(args)
            let (ra, rb) = (try a.wait(), try b.wait())
            #expect(ra.status == 0 && rb.status == 0, "\(ra.err)\(rb.err)")
            let r = try PGConnection(url).execute("""
                SELECT count(*), count(DISTINCT stream_id) FROM ledger.events WHERE event_type = 'MerchantPaidOut'
                """)
            #expect(try r.int64(0, 0) == Int64(merchants) && r.int64(0, 1) == Int64(merchants))
            let store = try openStore(url)
            _ = try ProjectionService(store: store).runOnce()
            let bank = try ProjectionQueries(connection: store.connection, ledgerId: "main").balances(accountPrefix: "platform/bank/HKD")
            #expect(bank.first?.balance.minorUnits == Int64(merchants) * 10_000 - Int64(merchants / 2) * 9_900)
        }
    }

    @Test("settle CLI: --dry-run --json prints the fixed shape and appends nothing; --plan applies and writes the CSVs; refusals exit 1, bad options 2")
    func settleCLIDryRunAppendsNothingPlanAppliesAndExitsByOutcome() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "build the CLI first (swift build)")
        try TestDatabase.with { url in
            try Self.manyMerchants(url, merchants: 2)
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tl-settle-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let base = ["settle", "--database-url", url, "--date", "2026-05-15"]

            let dry = try CLIProcess.run(base + ["--dry-run", "--json", "--plan-out", dir + "/plan.json"])
            #expect(dry.status == 0, "\(dry.err)")
            #expect(try Self.count(url) == 0)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(dry.out.utf8)) as? [String: Any])
            #expect(json["settlementDate"] as? String == "2026-05-15")
            let payouts = try #require(json["payouts"] as? [[String: Any]])
            #expect(payouts.count == 2)
            #expect(Set(payouts[0].keys) == ["merchantId", "currency", "amount", "payoutCurrency", "payoutAmount", "rate"])
            #expect(payouts[0]["merchantId"] as? String == "M0" && payouts[0]["amount"] as? String == "99.00" && payouts[0]["rate"] is NSNull)
            #expect(payouts[1]["payoutCurrency"] as? String == "CNY" && payouts[1]["payoutAmount"] as? String == "91.42"
                    && payouts[1]["rate"] as? String == "0.9234000000")
            #expect(json["skipped"] as? [Any] != nil && json["subsidyClaims"] as? [Any] != nil)
            #expect((json["manifestHash"] as? String)?.count == 64)

            let applied = try CLIProcess.run(base + ["--plan", dir + "/plan.json", "--payouts-csv", dir + "/payouts.csv",
                                               "--claims-csv", dir + "/claims.csv"])
            #expect(applied.status == 0, "\(applied.err)")
            #expect(applied.out.contains("manifest sha256 \(json["manifestHash"] as? String ?? "?")"))
            #expect(try String(contentsOfFile: dir + "/payouts.csv", encoding: .utf8) == """
                merchant,currency,amount,payout_currency,payout_amount,rate,payout_id
                M0,HKD,99.00,HKD,99.00,,payout-M0-HKD-2026-05-15
                M1,HKD,99.00,CNY,91.42,0.9234000000,payout-M1-HKD-2026-05-15

                """)
            #expect(try String(contentsOfFile: dir + "/claims.csv", encoding: .utf8) == "claim_id,program,funder,currency,amount,settlement_date\n")
            #expect(try Self.count(url) == 2)

            let earlier = try CLIProcess.run(["settle", "--database-url", url, "--date", "2026-05-14"])
            #expect(earlier.status == 1 && earlier.err.contains("earlier than the latest settled date"))
            let badMinimum = try CLIProcess.run(base + ["--min-payout", "HKD=1.005"])
            #expect(badMinimum.status == 2 && badMinimum.err.contains("--min-payout HKD=1.005"))
            let badDate = try CLIProcess.run(["settle", "--database-url", url, "--date", "2026-13-01"])
            #expect(badDate.status == 2)
            #expect(try Self.count(url) == 2)
        }
    }
}
