#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

extension EventStore {
    /// What `ledger.bulk_prepare` is told: each stream once (sorted by bytes, the lock order),
    /// with its first expectation and how many events it gets; `position(of:)` maps a stream id
    /// to its index in those arrays.
    ///
    /// Built before `bulk_prepare` while the server waits, so it is kept cheap (it was a sixth of
    /// a bulk append's client time): one dictionary from stream id to the slot where it was first
    /// seen, and the byte order sorted over integer keys (`byteOrder`).
    struct BulkStreams {
        private(set) var ids: [String]
        private(set) var expected: [Int64]
        private(set) var added: [Int64]
        private let slot: [String: Int]
        private let rank: [Int]  // slot → index in `ids`

        init(_ requests: [AppendRequest]) {
            var slot: [String: Int] = [:]
            slot.reserveCapacity(requests.count)
            var names: [String] = [], expected: [Int64] = [], added: [Int64] = []
            for r in requests {
                for (s, e) in r.expectations where slot[s] == nil {
                    slot[s] = names.count
                    names.append(s)
                    expected.append(e.code)
                    added.append(0)
                }
                for e in r.events { added[slot[e.streamId]!] += 1 }  // checkShape: every event's stream is expected
            }
            self.init(slot: slot, names: names, expected: expected, added: added)
        }

        /// Each stream with its expectation and the number of events it gets.
        init(_ first: [String: (expected: ExpectedVersion, count: Int64)]) {
            var slot: [String: Int] = [:]
            var names: [String] = [], expected: [Int64] = [], added: [Int64] = []
            for (s, v) in first {
                slot[s] = names.count
                names.append(s)
                expected.append(v.expected.code)
                added.append(v.count)
            }
            self.init(slot: slot, names: names, expected: expected, added: added)
        }

        private init(slot: [String: Int], names: [String], expected: [Int64], added: [Int64]) {
            let order = Self.byteOrder(names)
            ids = order.map { names[$0] }
            self.expected = order.map { expected[$0] }
            self.added = order.map { added[$0] }
            var rank = [Int](repeating: 0, count: names.count)
            for (k, s) in order.enumerated() { rank[s] = k }
            self.slot = slot
            self.rank = rank
        }

        /// The index of stream `id` in `ids`, `expected` and `added`.
        func position(of id: String) -> Int? { slot[id].map { rank[$0] } }

        /// The indices of `names` in the byte order of their UTF-8 (PostgreSQL's C collation).
        /// Each name is keyed by the 8 bytes after the prefix all of them share (zero-padded: a
        /// name cannot hold NUL), so most comparisons are of two integers; equal keys fall back
        /// to comparing the bytes whole.
        static func byteOrder(_ names: [String]) -> [Int] {
            guard names.count > 1 else { return Array(names.indices) }
            var bytes: [UInt8] = []
            var bounds = [0]
            bounds.reserveCapacity(names.count + 1)
            for n in names {
                bytes.append(contentsOf: n.utf8)
                bounds.append(bytes.count)
            }
            return bytes.withUnsafeBufferPointer { b in
                func name(_ i: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: b[bounds[i]..<bounds[i + 1]]) }
                let first = name(0)
                var common = first.count
                for i in 1..<names.count where common > 0 {
                    let n = name(i)
                    var k = 0
                    while k < common && k < n.count && n[k] == first[k] { k += 1 }
                    common = k
                }
                var keyed: [(key: UInt64, index: Int)] = []
                keyed.reserveCapacity(names.count)
                for i in names.indices {
                    let n = name(i)
                    var key: UInt64 = 0
                    for k in common..<(common + 8) { key = key << 8 | UInt64(k < n.count ? n[k] : 0) }
                    keyed.append((key, i))
                }
                keyed.sort { x, y in
                    if x.key != y.key { return x.key < y.key }
                    let a = name(x.index), c = name(y.index)
                    let m = Swift.min(a.count, c.count)
                    let r = m == 0 ? 0 : memcmp(a.baseAddress!, c.baseAddress!, m)
                    return r != 0 ? r < 0 : a.count < c.count
                }
                return keyed.map(\.index)
            }
        }
    }
}
