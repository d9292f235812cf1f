@testable import EventStore
import Testing

/// `BulkStreams` orders a chunk's streams as PostgreSQL's C collation does (the lock order that
/// `bulk_prepare` checks) through integer keys; this pins that order against a plain byte sort.
@Suite("Bulk streams in byte order") struct BulkStreamsTests {
    static func byBytes(_ names: [String]) -> [String] {
        names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    @Test("byteOrder sorts as the UTF-8 bytes do: prefixes, keys equal past 8 bytes, non-ASCII, one name, none")
    func byteOrderIsTheOrderOfTheBytes() {
        let tricky = ["a", "a-1", "a-10", "a-2", "a-1", "é", "e", "z", "ü-1", "u-1", "synthetic-1", "synthetic-10", "synthetic-100000009",
                      "synthetic-100000001", "synthetic-1000000011", "synthetic-10000000", "", "A", "€", "~"]
        for names in [tricky, ["only"], [], ["b", "a"]] {
            #expect(EventStore.BulkStreams.byteOrder(names).map { names[$0] } == Self.byBytes(names))
        }
        // Pseudo-random names over a small alphabet (multi-byte letters among them), sharing a
        // long prefix, so that keys collide and the fallback comparison runs often.
        let alphabet: [String] = ["0", "1", "9", "-", "a", "é", "€", "ü"]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        var names: [String] = []
        for _ in 0..<3000 {
            var n = "payment-2026-12-"
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            var r = state
            for _ in 0..<Int(r % 12) {
                r /= 8
                n += alphabet[Int(r % 8)]
            }
            names.append(n)
        }
        #expect(EventStore.BulkStreams.byteOrder(names).map { names[$0] } == Self.byBytes(names))
    }

    @Test("each stream once, sorted, with its first expectation, its event count and its position")
    func streamsOfAChunk() {
        let chunk = [request("c1", [("s-2", .exact(3)), ("s-10", .noStream)], events: [("s-2", "a"), ("s-10", "b"), ("s-2", "c")]),
                     request("c2", [("s-2", .exact(5)), ("s-1", .any)], events: [("s-2", "d")])]
        let s = EventStore.BulkStreams(chunk)
        #expect(s.ids == ["s-1", "s-10", "s-2"])
        #expect(s.expected == [ExpectedVersion.any.code, ExpectedVersion.noStream.code, ExpectedVersion.exact(3).code])
        #expect(s.added == [0, 1, 3])
        #expect(s.ids.indices.allSatisfy { s.position(of: s.ids[$0]) == $0 })
        #expect(s.position(of: "s-3") == nil)
    }
}
