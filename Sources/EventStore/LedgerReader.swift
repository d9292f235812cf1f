/// Catch-up reader: pages through the ledger in seq order with memory bounded by one page,
/// checking that seq is contiguous and each `prev_hash` links to the previous `hash`; with
/// `recomputeHashes` it also recomputes every hash (verify). Stops with
/// `EventStoreError.chainBroken` at the first bad seq (fail-stop).
public struct LedgerReader {
    public let store: EventStore
    public private(set) var lastSeq: Int64
    public private(set) var lastHash: [UInt8]
    /// The hash version of the last event read: along seq it never goes back.
    public private(set) var lastHashVersion: Int16 = 1
    public var pageRows: Int
    public var recomputeHashes: Bool

    public init(store: EventStore, afterSeq: Int64 = 0, lastHash: [UInt8]? = nil, pageRows: Int = EventStore.readPageRowsMax,
                recomputeHashes: Bool = false) throws {
        self.store = store
        self.lastSeq = afterSeq
        self.pageRows = pageRows
        self.recomputeHashes = recomputeHashes
        if let lastHash { self.lastHash = lastHash } else {
            guard let h = try store.hash(atSeq: afterSeq) else {
                throw EventStoreError.chainBroken(seq: afterSeq, reason: "no event at the starting seq")
            }
            self.lastHash = h
        }
    }

    /// The next page of verified events; empty when caught up with the log.
    public mutating func next() throws -> [RecordedEvent] {
        let page = try store.readPage(afterSeq: lastSeq, limit: pageRows)
        for e in page {
            guard e.seq == lastSeq + 1 else {
                throw EventStoreError.chainBroken(seq: lastSeq + 1, reason: "seq \(lastSeq + 1) is missing (next is \(e.seq))")
            }
            guard e.prevHash == lastHash else {
                throw EventStoreError.chainBroken(seq: e.seq, reason: "prev_hash does not match the hash of seq \(lastSeq)")
            }
            guard e.hashVersion >= lastHashVersion else {
                throw EventStoreError.chainBroken(seq: e.seq, reason: "hash version \(e.hashVersion) after version \(lastHashVersion): versions never go back")
            }
            if recomputeHashes {
                guard let computed = e.computedHash(ledgerId: store.ledgerId) else {
                    throw EventStoreError.chainBroken(seq: e.seq, reason: "unknown hash version \(e.hashVersion)")
                }
                guard computed == e.hash else {
                    throw EventStoreError.chainBroken(seq: e.seq, reason: "stored hash does not match the event's contents")
                }
            }
            lastHashVersion = e.hashVersion
            lastSeq = e.seq
            lastHash = e.hash
        }
        return page
    }
}
