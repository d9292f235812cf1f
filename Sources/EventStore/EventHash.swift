import Crypto

/// The event hash, byte for byte the same as `ledger.event_hash` in schema/004_hash.sql:
///
///     SHA-256(prev_hash ‖ lp(ledger_id) ‖ i64(seq) ‖ lp(stream_id) ‖ i64(stream_version)
///             ‖ lp(event_type) ‖ i32(schema_version) ‖ i64(recorded_at µs) ‖ i64(effective_at µs)
///             ‖ lp(command_id or "") ‖ lp(body))
///
/// where lp(x) is a big-endian Int32 length followed by the bytes (text as UTF-8).
public enum EventHash {
    public static let genesis = [UInt8](repeating: 0, count: 32)

    public static func compute(prevHash: [UInt8], ledgerId: String, seq: Int64, streamId: String, streamVersion: Int64,
                               eventType: String, schemaVersion: Int32, recordedAtMicros: Int64, effectiveAtMicros: Int64,
                               commandId: String?, body: [UInt8]) -> [UInt8] {
        var h = SHA256()
        h.update(data: prevHash)
        lengthPrefixed(Array(ledgerId.utf8), into: &h)
        integer(seq, into: &h)
        lengthPrefixed(Array(streamId.utf8), into: &h)
        integer(streamVersion, into: &h)
        lengthPrefixed(Array(eventType.utf8), into: &h)
        integer(schemaVersion, into: &h)
        integer(recordedAtMicros, into: &h)
        integer(effectiveAtMicros, into: &h)
        lengthPrefixed(Array((commandId ?? "").utf8), into: &h)
        lengthPrefixed(body, into: &h)
        return Array(h.finalize())
    }

    static func integer<T: FixedWidthInteger>(_ v: T, into h: inout SHA256) {
        withUnsafeBytes(of: v.bigEndian) { h.update(bufferPointer: $0) }
    }

    static func lengthPrefixed(_ bytes: [UInt8], into h: inout SHA256) {
        integer(Int32(bytes.count), into: &h)
        h.update(data: bytes)
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
