/// Encodes rows in PostgreSQL's binary COPY format (header, tuples, trailer).
public struct PGBinaryCopyEncoder {
    public static let header: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00] + [0, 0, 0, 0] + [0, 0, 0, 0]
    public static let trailer: [UInt8] = [0xFF, 0xFF]

    public static func beginRow(fields: Int, into out: inout [UInt8]) {
        BinaryCodec.appendInt(Int16(fields), to: &out)
    }

    public static func appendNull(into out: inout [UInt8]) { BinaryCodec.appendInt(Int32(-1), to: &out) }

    public static func append(_ value: PGValue, into out: inout [UInt8]) {
        if value == .null { appendNull(into: &out); return }
        let lengthAt = out.count
        BinaryCodec.appendInt(Int32(0), to: &out)
        BinaryCodec.encode(value, into: &out)
        let length = Int32(out.count - lengthAt - 4).bigEndian
        withUnsafeBytes(of: length) { for i in 0..<4 { out[lengthAt + i] = $0[i] } }
    }

    public static func appendInt64(_ v: Int64, into out: inout [UInt8]) {
        BinaryCodec.appendInt(Int32(8), to: &out)
        BinaryCodec.appendInt(v, to: &out)
    }

    // Bytes and text take concrete types: a generic `some Collection<UInt8>` is not specialized
    // across the module boundary, and its unspecialized `append(contentsOf:)` cost about a
    // thousand instructions a field (a sixth of submit's COPY encoding).

    /// A bytea field: its length and bytes.
    public static func appendBytes(_ bytes: [UInt8], into out: inout [UInt8]) {
        BinaryCodec.appendInt(Int32(bytes.count), to: &out)
        out.append(contentsOf: bytes)
    }

    /// A text field: its UTF-8 length and bytes.
    public static func appendText(_ text: String, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            BinaryCodec.appendInt(Int32(utf8.count), to: &out)
            out.append(contentsOf: utf8)
        }
    }

    public static func appendTimestamp(_ t: PGTimestamp, into out: inout [UInt8]) {
        BinaryCodec.appendInt(Int32(8), to: &out)
        BinaryCodec.appendInt(t.microsecondsSinceUnixEpoch - PGTimestamp.postgresEpochOffsetMicroseconds, to: &out)
    }
}
