import Foundation
import LedgerDomain
import Money
import Reconciliation
import Testing
@testable import TradeLedgerKit
import VisaSettlement

/// The pieces that keep an import's memory flat: the spool of event bodies and the index-sized
/// match changes.
@Suite("import spool and match changes") struct ImportSpoolTests {
    @Test("a body spool gives back every body in order, across buffer boundaries, and leaves no file behind")
    func bodySpoolRoundTrip() throws {
        let before = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
            .filter { $0.hasPrefix("tradeledger-spool-") }
        let spool = try BodySpool()
        var bodies: [[UInt8]] = [[], [1], Array(repeating: 7, count: BodySpool.bufferBytes + 3)]
        for i in 0..<5_000 { bodies.append(Array("body \(i)".utf8)) }
        bodies.append(Array(repeating: 9, count: 2 * BodySpool.bufferBytes))
        for b in bodies { spool.append(b) }
        try spool.finishWriting()
        var back: [[UInt8]] = []
        try spool.forEach { back.append($0) }
        #expect(back == bodies && spool.count == bodies.count)
        var again = 0
        try spool.forEach { _ in again += 1 }
        #expect(again == bodies.count)
        let after = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
            .filter { $0.hasPrefix("tradeledger-spool-") }
        #expect(after.count == before.count, "the spool file is unlinked at creation")
    }

    @Test("the import spool cuts the items into parts of itemsMax, as SettlementItemsMatched events of the array form")
    func partsAsArrayForm() throws {
        let at = Timestamp(microsecondsSinceEpoch: 1_778_889_600_000_000)
        let spool = try ImportSpool(fileId: "f1", effectiveAt: at)
        var items: [SettlementItem] = []
        for i in 0..<2_345 {
            let id = "PAY-\(i)"
            let amount = Amount(minorUnits: Int64(100 + i), currency: .hkd)
            items.append(SettlementItem(record: Int64(i + 1), action: .presentCapture, itemId: id, paymentId: id,
                                        stage: MatchStage.arn.rawValue, keys: MatchStage.arn.keys, amount: amount, settled: amount))
        }
        for item in items { spool.take(item) }
        spool.take(ReconBookings.Fee(feeId: "fee-1", amount: Amount(minorUnits: 5, currency: .hkd), description: "TC 10"))
        try spool.finish()
        var bodies: [[UInt8]] = []
        try spool.items.forEach { bodies.append($0) }
        let max = SettlementItemsMatched.itemsMax
        var expected: [[UInt8]] = []
        var start = 0
        while start < items.count {
            let end = min(start + max, items.count)
            let event = SettlementItemsMatched(fileId: "f1", part: Int64(expected.count + 1), items: Array(items[start..<end]), effectiveAt: at)
            expected.append(DomainEvent.settlementItemsMatched(event).canonicalJSON())
            start = end
        }
        #expect(spool.parts == 3 && bodies == expected)
        var fees: [[UInt8]] = []
        try spool.fees.forEach { fees.append($0) }
        #expect(fees == [DomainEvent.schemeFeesCharged(SchemeFeesCharged(feeId: "fee-1", fileId: "f1", amount: Amount(minorUnits: 5, currency: .hkd),
                                                                         description: "TC 10", effectiveAt: at)).canonicalJSON()])
    }

    @Test("match changes: a match, a reversal and a claim by an exception, each position once and in order")
    func matchChanges() {
        var changes = MatchChanges(count: 5)
        changes[3] = (7, nil)
        changes[1] = (4, "X-4")
        changes[2] = (5, nil)
        changes[2] = (nil, nil)   // TC 25: matchable again
        changes[3] = (9, nil)     // matched again by a later line
        #expect(changes[0] == nil)
        #expect(changes[2]?.record == nil && changes[2]?.exceptionId == nil && changes[2] != nil)
        #expect(changes[1]?.record == 4 && changes[1]?.exceptionId == "X-4")
        var seen: [String] = []
        changes.forEachChanged { p, record, exceptionId in seen.append("\(p):\(record.map(String.init) ?? "-"):\(exceptionId ?? "-")") }
        #expect(seen == ["1:4:X-4", "2:-:-", "3:9:-"])
    }
    @Test("a settlement file read in blocks (as an import and the visa-parse bench read it) parses and hashes as the whole file does")
    func fileReadInBlocks() throws {
        let bytes = VisaFileWriter.generate(drafts: 9_000, seed: 7, format: .lines(.lf))
        #expect(bytes.count > 3 * ReconcileFile.blockBytes, "the file spans several blocks, the last one partial")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tradeledger-blocks-\(UUID().uuidString).txt").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var whole = CountingVisitor()
        guard case .success(let expected) = VisaFileReader.read(bytes, visitor: &whole) else {
            Issue.record("the generated file is valid"); return
        }
        var sizes: [Int] = []
        try ReconcileFile.blocks(path) { sizes.append($0.count) }
        #expect(sizes.count == (bytes.count + ReconcileFile.blockBytes - 1) / ReconcileFile.blockBytes)
        #expect(sizes.dropLast().allSatisfy { $0 == ReconcileFile.blockBytes } && sizes.reduce(0, +) == bytes.count)
        #expect(try Bench.parseFile(path) == expected)
        let read = try ReconcileFile.read(path, visitor: CountingVisitor())
        #expect(try read.result.get() == expected && read.visitor.transactions == whole.transactions)
        #expect(read.sha256 == SHA256Bytes.of(bytes).map { String(format: "%02x", $0) }.joined())
    }
}
