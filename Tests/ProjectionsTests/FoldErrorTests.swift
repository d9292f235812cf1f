import EventStore
import LedgerDomain
import LibPQ
@testable import Projections
import TestSupport
import Testing

/// An error while folding an event names the projection and the event's seq, whatever threw it.
@Suite("Fold errors") struct FoldErrorTests {
    struct Refusal: Error {}

    /// Refuses the event at `failingSeq`, with a bare error or an unlocated `ProjectionError`.
    struct Refusing: Projection {
        static let name = ProjectionName.subsidies
        static let tables: [String] = []
        static let fingerprintSQL = "SELECT NULL"
        var failingSeq: Int64 = 0
        var unlocated = false
        var events = 0
        init(keepJournal: Bool) {}
        mutating func add(seq: Int64, event: DomainEvent) throws {
            guard seq == failingSeq else { return }
            if unlocated { throw ProjectionError("refused") }
            throw Refusal()
        }
        func flush(_ c: PGConnection, ledger: String, generation: Int64) throws {}
        func fingerprintLines() -> [String] { [] }
    }

    @Test("an error thrown by a projection's fold carries that projection and the seq of the event folded")
    func foldErrorsAreLocated() throws {
        try TestDatabase.with { url in
            try submit(url, Cmd.handChecked.joined(separator: "\n"))
            var reader = try LedgerReader(store: try TestDatabase.openStore(url))
            let page = try reader.next()
            let events = try PageApplier.decodePage(page)
            for unlocated in [false, true] {
                var delta = Refusing(keepJournal: true)
                delta.failingSeq = page[3].seq
                delta.unlocated = unlocated
                let error = try #require(throws: ProjectionError.self) { try delta.fold(page, events, after: 0, through: .max) }
                #expect(error.projection == .subsidies && error.seq == page[3].seq, "\(error)")
                #expect(delta.events == 4)
            }
        }
    }

    @Test("a page decoded on all cores keeps its order, and a bad body in a later chunk is reported by the first failing seq")
    func pageDecodesInOrderAndReportsTheFirstBadSeq() throws {
        try TestDatabase.with { url in
            try submit(url, Cmd.handChecked.joined(separator: "\n"))
            var reader = try LedgerReader(store: try TestDatabase.openStore(url))
            let sample = try reader.next()
            // 1,300 rows (three chunks of 512 and a short one), seqs 1..., bodies from the sample.
            var page = (0..<1_300).map { i in
                var e = sample[i % sample.count]
                e.seq = Int64(i + 1)
                return e
            }
            let decoded = try PageApplier.decodePage(page)
            #expect(decoded == page.map { try! PageApplier.decode($0) })
            page[1_100].body = Array("{}".utf8)
            page[700].body = Array("{".utf8)
            let error = try #require(throws: ProjectionError.self) { try PageApplier.decodePage(page) }
            #expect(error.seq == 701, "\(error)")
            page[700] = page[0]
            #expect(try #require(throws: ProjectionError.self) { try PageApplier.decodePage(page) }.seq == 1_101)
        }
    }
}
