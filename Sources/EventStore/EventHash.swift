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
        var input: [UInt8] = []
        input.reserveCapacity(body.count + (metadata?.count ?? 0) + prevHash.count + eventId.count + 128)
        input.append(2)
        input.append(contentsOf: prevHash)
        lengthPrefixed(ledgerId, into: &input)
        integer(seq, into: &input)
        lengthPrefixed(streamId, into: &input)
        integer(streamVersion, into: &input)
        input.append(contentsOf: eventId)
        lengthPrefixed(eventType, into: &input)
        integer(schemaVersion, into: &input)
        integer(recordedAtMicros - postgresEpochMicros, into: &input)
        integer(effectiveAtMicros - postgresEpochMicros, into: &input)
        if let commandId { lengthPrefixed(commandId, into: &input) } else { integer(Int32(-1), into: &input) }
        if let metadata { lengthPrefixed(metadata, into: &input) } else { integer(Int32(-1), into: &input) }
        lengthPrefixed(body, into: &input)
        return sha256(input)
    }

    public static func compute(prevHash: [UInt8], ledgerId: String, seq: Int64, streamId: String, streamVersion: Int64,
                               eventType: String, schemaVersion: Int32, recordedAtMicros: Int64, effectiveAtMicros: Int64,
                               commandId: String?, body: [UInt8]) -> [UInt8] {
        var input: [UInt8] = []
        input.reserveCapacity(body.count + prevHash.count + 128)
        input.append(contentsOf: prevHash)
        lengthPrefixed(ledgerId, into: &input)
        integer(seq, into: &input)
        lengthPrefixed(streamId, into: &input)
        integer(streamVersion, into: &input)
        lengthPrefixed(eventType, into: &input)
        integer(schemaVersion, into: &input)
        integer(recordedAtMicros, into: &input)
        integer(effectiveAtMicros, into: &input)
        lengthPrefixed(commandId ?? "", into: &input)
        lengthPrefixed(body, into: &input)
        return sha256(input)
    }

    // The hashed bytes are gathered in one array and hashed at once: a `SHA256.update` costs about
    // a thousand instructions of its own, more than most of these fields take to copy.

    static func sha256(_ input: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        input.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hasher.finalize().withUnsafeBytes { Array($0) }
    }

    static func integer<T: FixedWidthInteger>(_ v: T, into input: inout [UInt8]) {
        withUnsafeBytes(of: v.bigEndian) { input.append(contentsOf: $0) }
    }

    static func lengthPrefixed(_ bytes: [UInt8], into input: inout [UInt8]) {
        integer(Int32(bytes.count), into: &input)
        input.append(contentsOf: bytes)
    }

    static func lengthPrefixed(_ text: String, into input: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            integer(Int32(utf8.count), into: &input)
            input.append(contentsOf: utf8)
        }
    }

    /// The deterministic event id of `ledger.event_uuid`: first 16 bytes of
    /// SHA-256(ledger ‖ 0x00 ‖ command ‖ 0x00 ‖ i32(index)).
    public static func eventId(ledgerId: String, commandId: String, index: Int32) -> [UInt8] {
        var input: [UInt8] = []
        input.reserveCapacity(ledgerId.utf8.count + commandId.utf8.count + 6)
        input.append(contentsOf: ledgerId.utf8)
        input.append(0)
        input.append(contentsOf: commandId.utf8)
        input.append(0)
        integer(index, into: &input)
        return Array(sha256(input).prefix(16))
    }
}
