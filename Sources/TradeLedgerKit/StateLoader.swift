import EventStore
import LedgerDomain

/// Loads streams from the store into a `LedgerState`, folding their events.
public struct StateLoader {
    public let store: EventStore
    public init(store: EventStore) { self.store = store }

    /// Events read per query when loading state.
    public static let readEventsMax = 5_000

    func fold(_ events: [RecordedEvent], into state: inout LedgerState) throws {
        for e in events {
            let event = try DomainEvent.decode(eventType: e.eventType, schemaVersion: Int(e.schemaVersion), body: e.body)
            try state.apply(streamId: e.streamId, streamVersion: e.streamVersion, event: event, seq: e.seq)
        }
    }

    public func load(_ needs: Set<StreamNeed>, into state: inout LedgerState) throws {
        var ids: [String] = []
        var types: [String] = []
        for n in needs {
            switch n {
            case .stream(let s): ids.append(s)
            case .allOfType(let t): types.append(t); ids += try store.streamIds(ofType: t)
            }
        }
        ids = ids.filter { !state.loadedStreams.contains($0) }
        // Memory stays bounded by one read however long a stream is: short streams are read
        // together in groups of at most `readEventsMax` events, long ones (a busy subsidy
        // programme) page by page.
        let versions = try store.streamVersions(ids)
        var group: [String] = []
        var groupEvents: Int64 = 0
        func flushGroup() throws {
            let events = try store.readStreams(group)
            for id in group { try fold(events[id] ?? [], into: &state) }
            group.removeAll(keepingCapacity: true)
            groupEvents = 0
        }
        for id in ids {
            let count = versions[id] ?? 0
            if count > Int64(Self.readEventsMax) {
                var from: Int64 = 1
                while from <= count {
                    let page = try store.readStream(id, fromVersion: from, limit: Self.readEventsMax)
                    if page.isEmpty { break }
                    try fold(page, into: &state)
                    from += Int64(page.count)
                }
                continue
            }
            if groupEvents + count > Int64(Self.readEventsMax) { try flushGroup() }
            group.append(id)
            groupEvents += count
        }
        if !group.isEmpty { try flushGroup() }
        for id in ids { state.markLoaded(id) }
        for t in types { state.markLoaded(allOfType: t) }
    }
}
