import Crypto

/// The event hash, byte for byte the same as the SQL functions of schema/.
///
/// Version 1 (`ledger.event_hash`, schema/004_hash.sql; events stored before migration 008):
///
///     SHA-256(prev_hash ‖ lp(ledger_id) ‖ i64(seq) ‖ lp(stream_id) ‖ i64(stream_version)
///             ‖ lp(event_type) ‖ i32(schema_version) ‖ i64(recorded_at µs) ‖ i64(effective_at µs)
///             ‖ lp(command_id or "") ‖ lp(body))
///
/// Version 2 (`ledger.event_hash_v2`, schema/008_enforced_log.sql; every event since) covers
/// every stored column, `event_id` and `metadata` included:
///
///     SHA-256(0x02 ‖ prev_hash ‖ lp(ledger_id) ‖ i64(seq) ‖ lp(stream_id) ‖ i64(stream_version)
///             ‖ event_id (16 bytes) ‖ lp(event_type) ‖ i32(schema_version) ‖ i64(recorded_at µs)
///             ‖ i64(effective_at µs) ‖ lpn(command_id) ‖ lpn(metadata as jsonb text) ‖ lp(body))
///
/// where lp(x) is a big-endian Int32 length followed by the bytes (text as UTF-8), and lpn(x)
/// the same with length -1 for NULL. A stored row says which version its hash is
/// (`hash_version`); along seq the version never goes back (verify checks it).
public enum EventHash {
    public static let genesis = [UInt8](repeating: 0, count: 32)
    /// The version every new event is hashed with.
    public static let currentVersion: Int16 = 2
    /// Microseconds from 1970-01-01 to 2000-01-01, PostgreSQL's timestamp epoch.
    static let postgresEpochMicros: Int64 = 946_684_800_000_000

    public static func computeV2(prevHash: [UInt8], ledgerId: String, seq: Int64, streamId: String, streamVersion: Int64,
                                 eventId: [UInt8], eventType: String, schemaVersion: Int32, recordedAtMicros: Int64,
                                 effectiveAtMicros: Int64, commandId: String?, metadata: [UInt8]?, body: [UInt8]) -> [UInt8] {
        precondition(eventId.count == 16, "an event id is 16 bytes")
        var h = SHA256()
        h.update(data: [2])
        h.update(data: prevHash)
        lengthPrefixed(ledgerId.utf8, into: &h)
        integer(seq, into: &h)
        lengthPrefixed(streamId.utf8, into: &h)
        integer(streamVersion, into: &h)
        h.update(data: eventId)
        lengthPrefixed(eventType.utf8, into: &h)
        integer(schemaVersion, into: &h)
        integer(recordedAtMicros - postgresEpochMicros, into: &h)
        integer(effectiveAtMicros - postgresEpochMicros, into: &h)
        if let commandId { lengthPrefixed(commandId.utf8, into: &h) } else { integer(Int32(-1), into: &h) }
        if let metadata { lengthPrefixed(metadata, into: &h) } else { integer(Int32(-1), into: &h) }
        lengthPrefixed(body, into: &h)
        return Array(h.finalize())
    }

    public static func compute(prevHash: [UInt8], ledgerId: String, seq: Int64, streamId: String, streamVersion: Int64,
                               eventType: String, schemaVersion: Int32, recordedAtMicros: Int64, effectiveAtMicros: Int64,
                               commandId: String?, body: [UInt8]) -> [UInt8] {
        var h = SHA256()
        h.update(data: prevHash)
        lengthPrefixed(ledgerId.utf8, into: &h)
        integer(seq, into: &h)
        lengthPrefixed(streamId.utf8, into: &h)
        integer(streamVersion, into: &h)
        lengthPrefixed(eventType.utf8, into: &h)
        integer(schemaVersion, into: &h)
        integer(recordedAtMicros, into: &h)
        integer(effectiveAtMicros, into: &h)
        lengthPrefixed((commandId ?? "").utf8, into: &h)
        lengthPrefixed(body, into: &h)
        return Array(h.finalize())
    }

    static func integer<T: FixedWidthInteger>(_ v: T, into h: inout SHA256) {
        withUnsafeBytes(of: v.bigEndian) { h.update(bufferPointer: $0) }
    }

    static func lengthPrefixed<C: Collection>(_ bytes: C, into h: inout SHA256) where C.Element == UInt8 {
        integer(Int32(bytes.count), into: &h)
        if let done: Void = bytes.withContiguousStorageIfAvailable({ h.update(bufferPointer: UnsafeRawBufferPointer($0)) }) {
            return done
        }
        h.update(data: Array(bytes))
    }

    /// The deterministic event id of `ledger.event_uuid`: first 16 bytes of
    /// SHA-256(ledger ‖ 0x00 ‖ command ‖ 0x00 ‖ i32(index)).
    public static func eventId(ledgerId: String, commandId: String, index: Int32) -> [UInt8] {
        var h = SHA256()
        h.update(data: Array(ledgerId.utf8) + [0] + Array(commandId.utf8) + [0])
        integer(index, into: &h)
        return Array(Array(h.finalize()).prefix(16))
    }
}
