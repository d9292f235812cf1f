import LibPQ

/// Fields of a binary COPY row (length-prefixed, big-endian) for the journals' rows, a rebuild's
/// largest client-side writing: integers appended inline, arrays. Same bytes as LibPQ's
/// `PGBinaryCopyEncoder`, whose text fields these use.
enum CopyFields {
    /// A text field: its UTF-8 length and bytes.
    static func text(_ s: String, into out: inout [UInt8]) { PGBinaryCopyEncoder.appendText(s, into: &out) }

    /// A text field encoded once, to be appended to every row (`out.append(contentsOf:)`).
    static func text(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        text(s, into: &out)
        return out
    }

    /// Big-endian, a byte at a time: inlined appends instead of an `append(contentsOf:)` call per
    /// integer (the balances journal's COPY encoding went from 182M to 131M instructions at 50k).
    @inline(__always)
    static func int32(_ v: Int32, into out: inout [UInt8]) {
        let u = UInt32(bitPattern: v)
        out.append(UInt8(truncatingIfNeeded: u >> 24))
        out.append(UInt8(truncatingIfNeeded: u >> 16))
        out.append(UInt8(truncatingIfNeeded: u >> 8))
        out.append(UInt8(truncatingIfNeeded: u))
    }

    @inline(__always)
    static func int64(_ v: Int64, into out: inout [UInt8]) {
        int32(Int32(truncatingIfNeeded: v >> 32), into: &out)
        int32(Int32(truncatingIfNeeded: v), into: &out)
    }

    static let textOID: Int32 = 25
    static let int8OID: Int32 = 20

    /// Starts a one-dimensional array field of `count` (> 0) elements without NULLs (PostgreSQL's
    /// array_send: dimensions, has-null flag, element type, then length and lower bound 1); the
    /// caller appends each element as a field of its own and then calls `endField(startingAt:)`
    /// with what this returns, which fills in the field's length.
    static func beginArray(count: Int, elementOID: Int32, into out: inout [UInt8]) -> Int {
        let at = out.count
        int32(0, into: &out)  // the field's length, filled in by endField
        int32(1, into: &out)
        int32(0, into: &out)
        int32(elementOID, into: &out)
        int32(Int32(count), into: &out)
        int32(1, into: &out)
        return at
    }

    /// Writes the length of the field whose length word is at `at` (everything appended since).
    static func endField(startingAt at: Int, in out: inout [UInt8]) {
        let length = Int32(out.count - at - 4).bigEndian
        withUnsafeBytes(of: length) { for i in 0..<4 { out[at + i] = $0[i] } }
    }
}
