import EventStore
import LedgerDomain
import LibPQ

extension AppendRequest {
    /// The append request of an accepted decision: an expectation per stream written (its
    /// version before the command) and per guard (the version relied on; a check-only
    /// expectation, with no events), and the events' canonical bodies.
    init(commandId: String, requestHash: [UInt8], decided pending: [PendingEvent], guards: [String: Int64]) {
        var expectations: [String: ExpectedVersion] = [:]
        for e in pending where expectations[e.streamId] == nil {
            expectations[e.streamId] = e.expectedVersion == 0 ? .noStream : .exact(e.expectedVersion)
        }
        for (streamId, version) in guards where expectations[streamId] == nil {
            expectations[streamId] = version == 0 ? .noStream : .exact(version)
        }
        self.init(
            commandId: commandId, requestHash: requestHash, expectations: expectations,
            events: pending.map { NewEvent(streamId: $0.streamId, eventType: $0.event.eventType,
                                           schemaVersion: Int32($0.event.schemaVersion), body: $0.event.canonicalJSON(),
                                           effectiveAt: PGTimestamp(microsecondsSinceUnixEpoch: $0.event.effectiveAt.microsecondsSinceEpoch)) })
    }
}
