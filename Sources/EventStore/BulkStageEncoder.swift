import LibPQ

/// Encodes a bulk chunk's events as binary COPY rows for `pg_temp.append_stage`, part by part:
/// seq and stream versions from what `ledger.bulk_prepare` returned, each event's id and
/// version-2 hash chained from the head's hash. A part is a complete COPY payload (header, at
/// most `eventsMax` rows, trailer), so `appendBulk` can send part k to the server and have it
/// moved (`ledger.bulk_move`) while this encodes part k + 1 on the other core.
struct BulkStageEncoder {
    let requests: [AppendRequest]
    let streams: EventStore.BulkStreams
    let ledgerId: String
    let recordedAt: PGTimestamp
    private(set) var seq: Int64
    private var prev: [UInt8]
    private var version: [Int64]  // by stream position, advanced per event
    private var request = 0
    private var event = 0
    private(set) var outcomes: [AppendOutcome] = []

    init(requests: [AppendRequest], streams: EventStore.BulkStreams, bases: [Int64], headSeq: Int64, headHash: [UInt8],
         recordedAt: PGTimestamp, ledgerId: String) {
        precondition(bases.count == streams.ids.count, "one base version per stream")
        self.requests = requests
        self.streams = streams
        self.ledgerId = ledgerId
        self.recordedAt = recordedAt
        self.seq = headSeq
        self.prev = headHash
        self.version = bases
        outcomes.reserveCapacity(requests.count)
    }

    var isFinished: Bool { request == requests.count }

    /// The next part: at most `eventsMax` events, continuing where the last part stopped (a
    /// command's events may span parts). Empty once every event is encoded.
    mutating func nextPart(eventsMax: Int) -> [UInt8] {
        precondition(eventsMax > 0, "a part holds at least one event")
        guard !isFinished else { return [] }
        var out = PGBinaryCopyEncoder.header
        var rows = 0
        while rows < eventsMax && request < requests.count {
            let r = requests[request]
            let e = r.events[event]
            seq += 1
            let at = streams.position[e.streamId]!
            version[at] += 1
            let v = version[at]
            let eventId = EventHash.eventId(ledgerId: ledgerId, commandId: r.commandId, index: Int32(event))
            let hash = EventHash.computeV2(prevHash: prev, ledgerId: ledgerId, seq: seq, streamId: e.streamId, streamVersion: v,
                                           eventId: eventId, eventType: e.eventType, schemaVersion: e.schemaVersion,
                                           recordedAtMicros: recordedAt.microsecondsSinceUnixEpoch,
                                           effectiveAtMicros: e.effectiveAt.microsecondsSinceUnixEpoch,
                                           commandId: r.commandId, metadata: nil, body: e.body)
            EventStore.encodeCopyRow(ledgerId: nil, seq: seq, streamId: e.streamId, streamVersion: v, eventId: eventId,
                                     eventType: e.eventType, schemaVersion: e.schemaVersion, body: e.body,
                                     commandId: r.commandId, recordedAt: recordedAt, effectiveAt: e.effectiveAt,
                                     prevHash: prev, hash: hash, into: &out)
            prev = hash
            rows += 1
            event += 1
            if event == r.events.count {
                outcomes.append(.appended(firstSeq: seq - Int64(r.events.count) + 1, lastSeq: seq))
                request += 1
                event = 0
            }
        }
        out.append(contentsOf: PGBinaryCopyEncoder.trailer)
        return out
    }
}
