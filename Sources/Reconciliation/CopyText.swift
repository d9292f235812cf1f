/// PostgreSQL's COPY text format, both ways, for the few columns reconciliation moves in bulk.
enum CopyText {
    /// One field, escaped (backslash, tab, newline, carriage return); nil is `\N`.
    static func field(_ value: String?, into out: inout [UInt8]) {
        guard let value else { out.append(contentsOf: [0x5C, 0x4E]); return }
        for byte in value.utf8 {
            switch byte {
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            default: out.append(byte)
            }
        }
    }

    /// A row of fields, tab-separated, newline-terminated.
    static func row(_ fields: [String?], into out: inout [UInt8]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { out.append(0x09) }
            field(f, into: &out)
        }
        out.append(0x0A)
    }

    /// Splits one COPY-out text row into fields (nil for `\N`). The columns read here never hold
    /// escapes (ids, digits, hex, dates), which `parse` checks.
    static func parse(_ row: UnsafeRawBufferPointer) -> [String?]? {
        var fields: [String?] = []
        var start = 0
        var end = row.count
        if end > 0 && row[end - 1] == 0x0A { end -= 1 }
        var i = 0
        while i <= end {
            if i == end || row[i] == 0x09 {
                let slice = UnsafeRawBufferPointer(rebasing: row[start..<i])
                if slice.count == 2 && slice[0] == 0x5C && slice[1] == 0x4E {
                    fields.append(nil)
                } else {
                    if slice.contains(0x5C) { return nil }
                    fields.append(String(decoding: slice, as: UTF8.self))
                }
                start = i + 1
            }
            i += 1
        }
        return fields
    }

    /// A text[] literal of values made of digits only (ARNs, transaction ids): safe to inline.
    static func digitsArrayLiteral(_ values: some Sequence<String>) -> String {
        var parts: [String] = []
        for v in values {
            precondition(!v.isEmpty && v.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }, "digits only")
            parts.append(v)
        }
        return "'{" + parts.joined(separator: ",") + "}'::text[]"
    }
}
