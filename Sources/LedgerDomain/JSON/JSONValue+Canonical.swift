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
            let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for member in sorted {
                writer.key(member.key)
                member.value.write(to: &writer)
            }
            writer.endObject()
        }
    }
}
