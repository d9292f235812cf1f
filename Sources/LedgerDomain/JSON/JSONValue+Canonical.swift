extension JSONValue {
    /// The canonical bytes of a parsed value: keys sorted by UTF-8 bytes, no whitespace, numbers
    /// as written (RFC 8259 grammar already excludes "+1", "01" and the like).
    public func canonicalJSON() -> [UInt8] {
        var writer = CanonicalJSONWriter()
        write(to: &writer)
        return writer.bytes
    }

    func write(to writer: inout CanonicalJSONWriter) {
        switch self {
        case .null: writer.null()
        case .bool(let value): writer.bool(value)
        case .number(let number): writer.rawNumber(number.text)
        case .string(let text): writer.string(text)
        case .array(let elements):
            writer.beginArray()
            for element in elements { element.write(to: &writer) }
            writer.endArray()
        case .object(let members):
            writer.beginObject()
            let sorted = members.sorted { Self.precedes($0.key, $1.key) }
            for (index, member) in sorted.enumerated() {
                precondition(index == 0 || Self.precedes(sorted[index - 1].key, member.key), "duplicate key in a JSON object")
                writer.sortedKey(member.key)
                member.value.write(to: &writer)
            }
            writer.endObject()
        }
    }

    /// Strict UTF-8 byte order of two keys.
    static func precedes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { a in b.withUTF8 { b in CanonicalJSONWriter.precedes(a, b) } }
    }
}
