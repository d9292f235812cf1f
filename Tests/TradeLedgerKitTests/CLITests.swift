import EventStore
import Foundation
import LibPQ
import Money
import Projections
import TestSupport
import Testing
import TradeLedgerKit
import VisaSettlement

/// The operator's surface: exit codes and output of the real binary.
@Suite("CLI") struct CLITests {
    @Test("verify passes on a sound ledger and exits 4 naming the seq of a tampered event")
    func verifyPassesOnASoundLedgerAndExits4NamingATamperedSeq() throws {
        try TestDatabase.with { url in
            try submit(url, (Cmd.setup + [Cmd.invoice("I1", price: "10.00", at: "2026-05-15T01:00:00Z", n: "i1")]).joined(separator: "\n"))
            _ = try ProjectionService(store: try openStore(url)).runOnce()
            let ok = try CLIProcess.run(["verify", "--database-url", url])
            #expect(ok.status == 0, "\(ok.err)")
            #expect(ok.out.contains("hash chain: 9 events intact through seq 9"))
            try PGConnection(url).executeScript("""
                ALTER TABLE ledger.events DISABLE TRIGGER events_append_only;
                UPDATE ledger.events SET body = replace(convert_from(body, 'UTF8'), '10.00', '99.00')::bytea WHERE seq = 9;
                ALTER TABLE ledger.events ENABLE TRIGGER events_append_only;
                """)
            let bad = try CLIProcess.run(["verify", "--database-url", url])
            #expect(bad.status == 4)
            #expect(bad.err.contains("seq 9"), "\(bad.err)")
        }
    }

    @Test("an unreachable database exits 3; a usage error exits 2; rejected commands exit 1")
    func unreachableDatabaseExits3UsageError2AndRejectedCommands1() throws {
        let unreachable = try CLIProcess.run(["balances", "--database-url", "postgresql:///x?host=/nonexistent-tl&port=5999"])
        #expect(unreachable.status == 3, "\(unreachable.err)")
        #expect(unreachable.err.contains("/nonexistent-tl"))
        let usage = try CLIProcess.run(["invoices", "--status", "sleeping", "--database-url", "postgresql:///x?host=/nonexistent-tl"])
        #expect(usage.status == 2, "\(usage.err)")
        // ArgumentParser names the option and the refused value (and lists the valid ones, see
        // CLIArgumentTests): "The value 'sleeping' is invalid for '--status <status>'".
        #expect(usage.err.contains("'sleeping' is invalid for '--status <status>'"), "\(usage.err)")
        try TestDatabase.with { url in
            let path = SubmitProcessTests.write([Cmd.party("M1", seller: true, country: "CN", n: "a"), #"{"type":"Nope","commandId":"x"}"#])
            let r = try CLIProcess.run(["submit", "--database-url", url, "--json", path])
            #expect(r.status == 1)
            let lines = r.out.split(separator: "\n")
            #expect(lines.count == 2 && lines[0].contains(#""status":"accepted""#) && lines[1].contains(#""status":"rejected""#))
            #expect(lines[1].contains(#""line":2"#))
        }
    }

    @Test("visa inspect of a file whose interchange fees overflow their sum exits 1 with the located error")
    func visaInspectOfAnOverflowingFileExits1WithTheLocatedError() throws {
        // 9,300 generated drafts (TCR 0, 1, 5) with the largest fee the field holds: the 9,224th
        // overflows the Int64 sum of millionths (its TCR 5 is record 1 + 3 × 9,224).
        let header = VisaHeader(processingBIN: "412345", processingDate: VisaDate(year: 2026, month: 5, day: 15),
                                isTest: true, fileId: "001")
        var writer = VisaFileWriter(header: header, format: .lines(.lf), keepsModel: false)
        var random = SplitMix64(seed: 1)
        for index in 0..<9_300 {
            var draft = VisaFileWriter.generatedDraft(index: index, processingDate: header.processingDate, random: &random)
            draft.tcr5?.interchangeFeeMicros = VisaLimits.amount15Max
            draft.tcr5?.interchangeFeeSign = .debit
            writer.append(draft)
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tl-visa-\(UUID().uuidString).txt").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(writer.finish())))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = try CLIProcess.run(["visa", "inspect", path])
        #expect(text.status == 1, "\(text.err)")
        #expect(text.out.contains("REJECTED"))
        #expect(text.out.contains("record 27673, positions 92-106, interchangeFee: expected the sum of interchange fees "
                                      + "in USD (millionths) within a 64-bit total; adding this fee overflows it"), "\(text.out)")
        let json = try CLIProcess.run(["visa", "inspect", "--json", path])
        #expect(json.status == 1)
        #expect(json.out.contains(#""valid": false"#) && json.out.contains(#""record": 27673"#))
    }

    @Test("projections follow mode applies new events as they arrive")
    func followModeAppliesNewEventsAsTheyArrive() throws {
        try TestDatabase.with { url in
            try submit(url, Cmd.setup.joined(separator: "\n"))
            let stop = LockedBox(false), applied = LockedBox(0), failure = LockedBox<String?>(nil)
            let done = DispatchSemaphore(value: 0)
            Thread.detachNewThread {
                defer { done.signal() }
                do {
                    try ProjectionService(store: try openStore(url)).follow(pollMillisecondsMax: 100, shouldStop: { stop.value }) { batch in
                        applied.mutate { $0 += batch.filter { $0.0 == .balances }.map(\.1).reduce(0, +) }
                    }
                } catch { failure.mutate { $0 = "\(error)" } }
            }
            try submit(url, Cmd.invoice("I1", price: "10.00", at: "2026-05-15T01:00:00Z", n: "i1"))
            var waited = 0
            // 8 setup events (the programme launch also lists P1 in the programme set) + the invoice.
            while applied.value < 9 && waited < 1_000 { usleep(10_000); waited += 1 }
            stop.mutate { $0 = true }
            done.wait()
            #expect(failure.value == nil)
            #expect(applied.value == 9)
        }
    }
}
