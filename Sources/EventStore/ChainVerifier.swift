/// `tradeledger verify`, chain part: walks the log from seq 1, recomputing every hash and
/// checking contiguity and the links, then compares the end with the ledger head.
public struct ChainVerifier {
    public struct Report: Sendable, Equatable {
        public var eventsChecked: Int64
        public var headSeq: Int64
    }

    public let store: EventStore
    public init(store: EventStore) { self.store = store }

    /// Throws `EventStoreError.chainBroken` naming the first bad seq.
    public func run(progress: (Int64) -> Void = { _ in }) throws -> Report {
        var reader = try LedgerReader(store: store, afterSeq: 0, lastHash: EventHash.genesis, recomputeHashes: true)
        var checked: Int64 = 0
        while true {
            let page = try reader.next()
            if page.isEmpty { break }
            checked += Int64(page.count)
            progress(checked)
        }
        let head = try store.head()
        guard head.seq == reader.lastSeq else {
            throw EventStoreError.chainBroken(seq: reader.lastSeq + 1, reason: "the ledger head says seq \(head.seq) but the log ends at \(reader.lastSeq)")
        }
        guard head.hash == reader.lastHash else {
            throw EventStoreError.chainBroken(seq: head.seq, reason: "the ledger head's hash does not match the last event's hash")
        }
        return Report(eventsChecked: checked, headSeq: head.seq)
    }
}
