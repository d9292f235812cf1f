/// `tradeledger verify`, chain part: walks the log from seq 1 (or from a sealed position),
/// recomputing every hash and checking contiguity and the links, checks the hashes that seals
/// vouch for, then compares the end with the ledger head. Run it inside one snapshot
/// (`PGConnection.withSnapshot`) when the ledger is being written.
public struct ChainVerifier {
    public struct Report: Sendable, Equatable {
        public var eventsChecked: Int64
        public var headSeq: Int64
        public var headHash: [UInt8]
    }

    public let store: EventStore
    public init(store: EventStore) { self.store = store }

    /// Throws `EventStoreError.chainBroken` naming the first bad seq. `sealed` maps seqs to the
    /// hashes signed seals hold for them: each must still be in the log, with that hash.
    public func run(from start: (seq: Int64, hash: [UInt8]) = (0, EventHash.genesis),
                    sealed: [Int64: [UInt8]] = [:], progress: (Int64) -> Void = { _ in }) throws -> Report {
        var reader = try LedgerReader(store: store, afterSeq: start.seq, lastHash: start.hash, recomputeHashes: true)
        var checked: Int64 = 0
        while true {
            let page = try reader.next()
            if page.isEmpty { break }
            for e in page {
                if let h = sealed[e.seq], h != e.hash {
                    throw EventStoreError.chainBroken(seq: e.seq, reason: "a signed seal holds another hash for this seq: the log was rewritten")
                }
            }
            checked += Int64(page.count)
            progress(checked)
        }
        if let beyond = sealed.keys.filter({ $0 > reader.lastSeq }).min() {
            throw EventStoreError.chainBroken(seq: beyond, reason: "a signed seal vouches for seq \(beyond) but the log ends at seq \(reader.lastSeq): events were deleted")
        }
        let head = try store.head()
        guard head.seq == reader.lastSeq else {
            throw EventStoreError.chainBroken(seq: reader.lastSeq + 1, reason: "the ledger head says seq \(head.seq) but the log ends at \(reader.lastSeq)")
        }
        guard head.hash == reader.lastHash else {
            throw EventStoreError.chainBroken(seq: head.seq, reason: "the ledger head's hash does not match the last event's hash")
        }
        return Report(eventsChecked: checked, headSeq: head.seq, headHash: head.hash)
    }
}
