import LibPQ

/// An event as stored.
public struct RecordedEvent: Sendable, Equatable {
    public var seq: Int64
    public var streamId: String
    public var streamVersion: Int64
    public var eventId: PGUUID
    public var eventType: String
    public var schemaVersion: Int32
    public var body: [UInt8]
    public var commandId: String?
    public var recordedAt: PGTimestamp
    public var effectiveAt: PGTimestamp
    public var prevHash: [UInt8]
    public var hash: [UInt8]
    /// `metadata` as PostgreSQL renders the stored jsonb (what hash version 2 covers), or nil.
    public var metadata: [UInt8]? = nil
    /// Which `EventHash` version `hash` is (1 for events stored before migration 008).
    public var hashVersion: Int16 = EventHash.currentVersion

    /// The hash recomputed from the fields (equal to `hash` unless the row was tampered with);
    /// nil for a hash version this build does not know.
    public func computedHash(ledgerId: String) -> [UInt8]? {
        switch hashVersion {
        case 1:
            EventHash.compute(prevHash: prevHash, ledgerId: ledgerId, seq: seq, streamId: streamId, streamVersion: streamVersion,
                              eventType: eventType, schemaVersion: schemaVersion,
                              recordedAtMicros: recordedAt.microsecondsSinceUnixEpoch,
                              effectiveAtMicros: effectiveAt.microsecondsSinceUnixEpoch, commandId: commandId, body: body)
        case 2:
            EventHash.computeV2(prevHash: prevHash, ledgerId: ledgerId, seq: seq, streamId: streamId, streamVersion: streamVersion,
                                eventId: eventId.bytes, eventType: eventType, schemaVersion: schemaVersion,
                                recordedAtMicros: recordedAt.microsecondsSinceUnixEpoch,
                                effectiveAtMicros: effectiveAt.microsecondsSinceUnixEpoch, commandId: commandId,
                                metadata: metadata, body: body)
        default: nil
        }
    }
}
