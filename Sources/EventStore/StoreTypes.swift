import LibPQ

/// What a command expects of a stream it writes.
public enum ExpectedVersion: Hashable, Sendable {
    case any
    case noStream
    case exact(Int64)

    /// The encoding of `ledger.append`: -1 any, 0 no stream, n exact.
    var code: Int64 {
        switch self {
        case .any: -1
        case .noStream: 0
        case .exact(let n): n
        }
    }

    public init(code: Int64) { self = code < 0 ? .any : (code == 0 ? .noStream : .exact(code)) }
}

/// One event to append. `body` is the exact canonical JSON that is stored and hashed.
public struct NewEvent: Sendable {
    public var streamId: String
    public var eventType: String
    public var schemaVersion: Int32
    public var body: [UInt8]
    public var effectiveAt: PGTimestamp

    public init(streamId: String, eventType: String, schemaVersion: Int32, body: [UInt8], effectiveAt: PGTimestamp) {
        self.streamId = streamId
        self.eventType = eventType
        self.schemaVersion = schemaVersion
        self.body = body
        self.effectiveAt = effectiveAt
    }
}

/// One command's events, appended atomically with an expected version per stream written.
public struct AppendRequest: Sendable {
    public var commandId: String
    public var requestHash: [UInt8]
    public var expectations: [String: ExpectedVersion]
    public var events: [NewEvent]

    public init(commandId: String, requestHash: [UInt8], expectations: [String: ExpectedVersion], events: [NewEvent]) {
        self.commandId = commandId
        self.requestHash = requestHash
        self.expectations = expectations
        self.events = events
    }

    func checkShape() {
        precondition(!events.isEmpty, "a command appends at least one event")
        precondition(commandId.utf8.count >= 1 && commandId.utf8.count <= 128, "command id length")
        for e in events { precondition(expectations[e.streamId] != nil, "event stream \(e.streamId) has no expectation") }
    }
}

public enum AppendOutcome: Equatable, Sendable {
    case appended(firstSeq: Int64, lastSeq: Int64)
    /// The command id was appended before with the same request: nothing new, its first result.
    case duplicate(firstSeq: Int64, lastSeq: Int64)

    public var seqRange: ClosedRange<Int64> {
        switch self {
        case .appended(let f, let l), .duplicate(let f, let l): f...l
        }
    }
}

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

public enum EventStoreError: Error, CustomStringConvertible, Equatable {
    /// A stream's version differed from the expected one: reload state and decide again.
    case versionConflict(stream: String, message: String)
    /// The command id was used before with a different request.
    case commandReused(commandId: String)
    /// Commands of a bulk chunk were appended meanwhile by another writer: redo the chunk.
    case commandsAlreadyAppended([String])
    /// The log is broken at `seq` (fail-stop).
    case chainBroken(seq: Int64, reason: String)

    public var description: String {
        switch self {
        case .versionConflict(_, let m): m
        case .commandReused(let id): "command id \(id) was already used with a different request"
        case .commandsAlreadyAppended(let ids): "\(ids.count) command(s) were appended concurrently by another writer (first: \(ids.first ?? ""))"
        case .chainBroken(let seq, let reason): "event log broken at seq \(seq): \(reason)"
        }
    }
}
