import EventStore
import LedgerDomain

/// Reads whole streams into a `LedgerState` (decoded and folded with its invariant checks), in
/// groups of at most `streamsPerReadMax` streams per query.
struct StreamFolder {
    let store: EventStore
    static let streamsPerReadMax = 2_000

    func load(_ streamIds: [String], into state: inout LedgerState) throws {
        var start = 0
        while start < streamIds.count {
            let group = Array(streamIds[start..<min(start + Self.streamsPerReadMax, streamIds.count)])
            let events = try store.readStreams(group)
            for id in group {
                for e in events[id] ?? [] {
                    let event = try DomainEvent.decode(eventType: e.eventType, schemaVersion: Int(e.schemaVersion), body: e.body)
                    try state.apply(streamId: e.streamId, streamVersion: e.streamVersion, event: event, seq: e.seq)
                }
                state.markLoaded(id)
            }
            start += group.count
        }
    }
}
