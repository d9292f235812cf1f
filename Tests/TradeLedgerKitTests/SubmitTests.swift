import EventStore
import Foundation
import LibPQ
import TestSupport
import Testing
import TradeLedgerKit

@Suite("Submit") struct SubmitTests {
    @Test("dependent commands in one file (register, bind, invoice, capture, refund) are accepted in one run")
    func dependentCommandsInOneFileAreAcceptedInOneRun() throws {
        try TestDatabase.with { url in
            let lines = Cmd.setup + [
                Cmd.invoice("I1", price: "1030.00", at: "2026-05-15T02:00:00Z", n: "c1"),
                Cmd.capture("P1", invoice: "I1", amount: "1030.00", at: "2026-05-15T03:00:00Z", n: "c2"),
                Cmd.refund("R1", payment: "P1", amount: "100.00", at: "2026-05-15T04:00:00Z", n: "c3"),
            ]
            let results = try submit(url, lines.joined(separator: "\n"))
            #expect(results.map(\.status) == Array(repeating: .accepted, count: lines.count), "\(results.compactMap(\.error))")
            #expect(results.map(\.line) == Array(1...lines.count))
            // capture: PaymentCaptured + InvoicePaymentApplied + SubsidyGranted; refund: PaymentRefunded + SubsidyReversed
            #expect(results[8].events == 3 && results[9].events == 2)
            let seqs = results.compactMap(\.firstSeq)
            #expect(seqs == seqs.sorted() && results.last?.lastSeq == 14)  // the launch also lists P1 in the programme set
        }
    }

    @Test("a file mixing valid, invalid and duplicate commands: valid appended, others reported by line; a rerun changes nothing")
    func mixedFileAppendsTheValidAndReportsTheRestByLine() throws {
        try TestDatabase.with { url in
            try submit(url, Cmd.setup.joined(separator: "\n"))
            let lines = [
                Cmd.invoice("I1", price: "500.00", at: "2026-05-15T02:00:00Z", n: "m1"),
                Cmd.capture("P1", invoice: "I1", amount: "12.345", at: "2026-05-15T03:00:00Z", n: "m2"),   // bad precision
                Cmd.capture("P2", invoice: "I1", amount: "600.00", at: "2026-05-15T03:00:00Z", n: "m3"),   // exceeds open amount
                Cmd.invoice("I9", price: "1.00", at: "2026-05-15T02:00:00Z", n: "m4").replacingOccurrences(of: "{\"type\"", with: "{\"bogus\":1,\"type\""),  // unknown field
                Cmd.party("M1", seller: true, country: "CN", n: "s1"),                                     // duplicate of setup
                "{\"type\": oops",                                                                           // malformed JSON
                Cmd.capture("P3", invoice: "I1", amount: "200.00", at: "2026-05-15T03:00:00Z", n: "m7"),
                Cmd.capture("P4", invoice: "I1", amount: "200.00", at: "2026-05-15T03:00:00Z", n: "m7"),   // same id, other request
            ]
            let store = try openStore(url)
            let before = try store.head().seq
            let results = try submit(url, lines.joined(separator: "\n"))
            #expect(results.map(\.status) == [.accepted, .rejected, .rejected, .rejected, .duplicate, .rejected, .accepted, .rejected])
            #expect(results[1].error?.field == "amount" && results[1].error?.message.contains("HKD has 2 decimal places") == true)
            #expect(results[2].error?.field == "amount")
            #expect(results[3].error?.field == "bogus")
            #expect(results[5].error?.code == "malformed_json")
            #expect(results[7].error?.code == "command_id_reused")
            #expect(results[4].firstSeq == 1)
            let after = try store.head().seq
            #expect(after - before == Int64(results[0].events + results[6].events))
            // Rerun: nothing new; the accepted ones are duplicates with their first result.
            let again = try submit(url, lines.joined(separator: "\n"))
            #expect(try store.head().seq == after)
            #expect(again[0].status == .duplicate && again[0].firstSeq == results[0].firstSeq)
            #expect(again[6].status == .duplicate && again[6].lastSeq == results[6].lastSeq)
            #expect(again.map(\.status) == [.duplicate, .rejected, .rejected, .rejected, .duplicate, .rejected, .duplicate, .rejected])
        }
    }

    @Test("the same command twice in one file: the second line is a duplicate with the first one's seqs")
    func repeatedCommandIsADuplicateWithTheFirstOnesSeqs() throws {
        try TestDatabase.with { url in
            let results = try submit(url, (Cmd.setup + [Cmd.setup[0]]).joined(separator: "\n"))
            #expect(results.last?.status == .duplicate && results.last?.line == Cmd.setup.count + 1)
            #expect(results.last?.firstSeq == results[0].firstSeq && results.last?.firstSeq != nil)
            #expect(try openStore(url).head().seq == Int64(Cmd.setup.count + 1))  // + the programme set entry
        }
    }

    @Test("JSON arrays are accepted like NDJSON, with the line where each element starts")
    func jsonArraysAreAcceptedLikeNDJSON() throws {
        try TestDatabase.with { url in
            let text = "[\n" + Cmd.setup.joined(separator: ",\n") + "\n]\n"
            let results = try submit(url, text)
            #expect(results.count == Cmd.setup.count && results.allSatisfy { $0.status == .accepted })
            #expect(results.map(\.line) == Array(2...(Cmd.setup.count + 1)))
        }
    }

    @Test("the JSON result line has the fixed shape")
    func jsonResultLineHasTheFixedShape() throws {
        let ok = SubmitService.Result(line: 3, commandId: "c-1", status: .accepted, events: 2, firstSeq: 10, lastSeq: 11)
        #expect(SubmitOutput.json(ok) == #"{"line":3,"commandId":"c-1","status":"accepted","events":2,"firstSeq":10,"lastSeq":11}"#)
    }
}
