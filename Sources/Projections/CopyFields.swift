/// Fields of a binary COPY row (length-prefixed, big-endian), written in this module: the
/// journals' rows are a rebuild's largest client-side writing, and LibPQ's generic
/// `PGBinaryCopyEncoder.appendBytes(some Collection<UInt8>)` is not specialized across the
/// module boundary (about a thousand instructions a text field). Same bytes as the encoder's.
enum CopyFields {
    /// A text field: its UTF-8 length and bytes.
    static func text(_ s: String, into out: inout [UInt8]) {
        int32(Int32(s.utf8.count), into: &out)
        out.append(contentsOf: s.utf8)
    }

    /// A text field encoded once, to be appended to every row (`out.append(contentsOf:)`).
    static func text(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        text(s, into: &out)
        return out
    }

    static func int32(_ v: Int32, into out: inout [UInt8]) {
        withUnsafeBytes(of: v.bigEndian) { out.append(contentsOf: $0) }
    }
}
