/// Text wire encoding (PostgreSQL's *in/*out functions), with the session's TimeZone set to UTC.
enum TextCodec {
    static func encode(_ value: PGValue) -> String {
        switch value {
        case .null: preconditionFailure("NULL has no text form")
        case .bool(let b): return b ? "t" : "f"
        case .int2(let v): return String(v)
        case .int4(let v): return String(v)
        case .int8(let v): return String(v)
        case .text(let s), .jsonb(let s): return s
        case .bytea(let b): return "\\x" + Hex.encode(b)
        case .uuid(let u): return u.description
        case .timestamptz(let t): return CivilTime.format(t)
        case .array(_, let items):
            var s = "{"
            for (i, item) in items.enumerated() {
                if i > 0 { s += "," }
                if item == .null { s += "NULL"; continue }
                s += "\""
                for ch in encode(item).unicodeScalars {
                    if ch == "\"" || ch == "\\" { s += "\\" }
                    s.unicodeScalars.append(ch)
                }
                s += "\""
            }
            return s + "}"
        }
    }

    static func decode(_ p: UnsafeRawBufferPointer, type: PGType) throws(PGError) -> PGValue {
        let s = String(decoding: p, as: UTF8.self)
        return try decode(s, type: type)
    }

    static func decode(_ s: String, type: PGType) throws(PGError) -> PGValue {
        func bad() -> PGError { PGError(code: .decode, message: "cannot read \(type) from text \"\(s.prefix(40))\"") }
        switch type {
        case .bool: return .bool(s == "t" || s == "true")
        case .int2: guard let v = Int16(s) else { throw bad() }; return .int2(v)
        case .int4: guard let v = Int32(s) else { throw bad() }; return .int4(v)
        case .int8: guard let v = Int64(s) else { throw bad() }; return .int8(v)
        case .text, .varchar, .unknown, .json, .numeric: return .text(s)
        case .jsonb: return .jsonb(s)
        case .uuid: guard let u = PGUUID(s) else { throw bad() }; return .uuid(u)
        case .bytea:
            let u = Array(s.utf8)
            guard u.count >= 2, u[0] == UInt8(ascii: "\\"), u[1] == UInt8(ascii: "x"), u.count % 2 == 0 else { throw bad() }
            var out: [UInt8] = []
            out.reserveCapacity((u.count - 2) / 2)
            var i = 2
            while i < u.count {
                guard let h = Hex.nibble(u[i]), let l = Hex.nibble(u[i + 1]) else { throw bad() }
                out.append(h << 4 | l)
                i += 2
            }
            return .bytea(out)
        case .timestamptz:
            guard let t = CivilTime.parse(s) else { throw bad() }
            return .timestamptz(t)
        default:
            guard let element = type.arrayElement else { throw PGError(code: .decode, message: "no text decoder for \(type)") }
            return try decodeArray(s, element: element)
        }
    }

    /// Parses a one-dimensional array literal: `{1,2}`, `{"a b","c\"d",NULL}`.
    static func decodeArray(_ s: String, element: PGType) throws(PGError) -> PGValue {
        let u = Array(s.utf8)
        guard u.first == UInt8(ascii: "{"), u.last == UInt8(ascii: "}") else {
            throw PGError(code: .decode, message: "array literal must be in braces")
        }
        var items: [PGValue] = []
        var i = 1
        let end = u.count - 1
        if end == 1 { return .array(element: element, []) }
        while i < end {
            var raw: [UInt8] = []
            var quoted = false
            if u[i] == UInt8(ascii: "\"") {
                quoted = true
                i += 1
                while i < end && u[i] != UInt8(ascii: "\"") {
                    if u[i] == UInt8(ascii: "\\") { i += 1 }
                    raw.append(u[i]); i += 1
                }
                i += 1
            } else {
                while i < end && u[i] != UInt8(ascii: ",") { raw.append(u[i]); i += 1 }
            }
            let text = String(decoding: raw, as: UTF8.self)
            if !quoted && text == "NULL" { items.append(.null) } else { items.append(try decode(text, type: element)) }
            if i < end {
                guard u[i] == UInt8(ascii: ",") else { throw PGError(code: .decode, message: "array literal: expected ',' at \(i)") }
                i += 1
            }
        }
        return .array(element: element, items)
    }
}
