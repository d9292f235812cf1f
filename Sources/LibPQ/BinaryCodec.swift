/// Binary wire encoding (PostgreSQL's *send/*recv functions: network byte order).
enum BinaryCodec {
    static func appendInt<T: FixedWidthInteger>(_ v: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: v.bigEndian) { out.append(contentsOf: $0) }
    }

    static func readInt<T: FixedWidthInteger>(_: T.Type, _ p: UnsafeRawBufferPointer, at offset: Int) -> T {
        var v: T = 0
        withUnsafeMutableBytes(of: &v) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: p[offset..<offset + MemoryLayout<T>.size])) }
        return T(bigEndian: v)
    }

    static func encode(_ value: PGValue, into out: inout [UInt8]) {
        switch value {
        case .null: preconditionFailure("NULL has no binary form")
        case .bool(let b): out.append(b ? 1 : 0)
        case .int2(let v): appendInt(v, to: &out)
        case .int4(let v): appendInt(v, to: &out)
        case .int8(let v): appendInt(v, to: &out)
        case .text(let s): out.append(contentsOf: s.utf8)
        case .bytea(let b): out.append(contentsOf: b)
        case .uuid(let u): out.append(contentsOf: u.bytes)
        case .jsonb(let s): out.append(1); out.append(contentsOf: s.utf8)
        case .timestamptz(let t):
            appendInt(t.microsecondsSinceUnixEpoch - PGTimestamp.postgresEpochOffsetMicroseconds, to: &out)
        case .array(let element, let items):
            let hasNull = items.contains(.null)
            appendInt(Int32(items.isEmpty ? 0 : 1), to: &out)
            appendInt(Int32(hasNull ? 1 : 0), to: &out)
            appendInt(Int32(bitPattern: element.oid), to: &out)
            if !items.isEmpty {
                appendInt(Int32(items.count), to: &out)
                appendInt(Int32(1), to: &out)
            }
            for item in items {
                if item == .null { appendInt(Int32(-1), to: &out); continue }
                precondition(item.type == element, "array element \(item.type) is not \(element)")
                let lengthAt = out.count
                appendInt(Int32(0), to: &out)
                encode(item, into: &out)
                let length = Int32(out.count - lengthAt - 4).bigEndian
                withUnsafeBytes(of: length) { bytes in
                    for i in 0..<4 { out[lengthAt + i] = bytes[i] }
                }
            }
        }
    }

    /// A binary timestamptz (8 bytes: microseconds since 2000-01-01 UTC).
    static func timestamp(_ p: UnsafeRawBufferPointer) -> PGTimestamp {
        PGTimestamp(microsecondsSinceUnixEpoch: readInt(Int64.self, p, at: 0) + PGTimestamp.postgresEpochOffsetMicroseconds)
    }

    static func decode(_ p: UnsafeRawBufferPointer, type: PGType) throws(PGError) -> PGValue {
        func need(_ n: Int) throws(PGError) {
            if p.count != n { throw PGError(code: .decode, message: "binary \(type) needs \(n) bytes, got \(p.count)") }
        }
        switch type {
        case .bool: try need(1); return .bool(p[0] != 0)
        case .int2: try need(2); return .int2(readInt(Int16.self, p, at: 0))
        case .int4: try need(4); return .int4(readInt(Int32.self, p, at: 0))
        case .int8: try need(8); return .int8(readInt(Int64.self, p, at: 0))
        case .text, .varchar, .unknown, .json: return .text(String(decoding: p, as: UTF8.self))
        case .bytea: return .bytea(Array(p))
        case .uuid: try need(16); return .uuid(PGUUID(bytes: Array(p)))
        case .jsonb:
            guard p.count >= 1, p[0] == 1 else { throw PGError(code: .decode, message: "unknown jsonb binary version") }
            return .jsonb(String(decoding: UnsafeRawBufferPointer(rebasing: p[1...]), as: UTF8.self))
        case .timestamptz:
            try need(8)
            return .timestamptz(timestamp(p))
        default:
            guard let element = type.arrayElement else {
                throw PGError(code: .decode, message: "no binary decoder for \(type)")
            }
            return try decodeArray(p, element: element)
        }
    }

    static func decodeArray(_ p: UnsafeRawBufferPointer, element: PGType) throws(PGError) -> PGValue {
        guard p.count >= 12 else { throw PGError(code: .decode, message: "array header truncated") }
        let ndim = readInt(Int32.self, p, at: 0)
        if ndim == 0 { return .array(element: element, []) }
        guard ndim == 1 else { throw PGError(code: .decode, message: "only one-dimensional arrays are supported, got \(ndim)") }
        guard p.count >= 20 else { throw PGError(code: .decode, message: "array header truncated") }
        let count = Int(readInt(Int32.self, p, at: 12))
        var offset = 20
        var items: [PGValue] = []
        items.reserveCapacity(count)
        for _ in 0..<count {
            guard offset + 4 <= p.count else { throw PGError(code: .decode, message: "array element truncated") }
            let length = Int(readInt(Int32.self, p, at: offset))
            offset += 4
            if length < 0 { items.append(.null); continue }
            guard offset + length <= p.count else { throw PGError(code: .decode, message: "array element truncated") }
            items.append(try decode(UnsafeRawBufferPointer(rebasing: p[offset..<offset + length]), type: element))
            offset += length
        }
        return .array(element: element, items)
    }
}
