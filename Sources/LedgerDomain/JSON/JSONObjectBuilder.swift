import Money

/// Builds the members of a JSON object from typed values, to give commands their canonical JSON
/// form (`canonicalJSON`: keys sorted by their bytes). Keys are literals, compared in place; nil
/// optionals are left out.
struct JSONObjectBuilder {
    private(set) var members: [(key: StaticString, value: JSONValue)] = []

    mutating func add(_ key: StaticString, _ value: JSONValue) { members.append((key, value)) }
    mutating func add(_ key: StaticString, _ value: String) { add(key, .string(value)) }
    mutating func add(_ key: StaticString, _ value: String?) { if let value { add(key, .string(value)) } }
    mutating func add(_ key: StaticString, _ value: Int64) { add(key, .number(JSONNumber(text: String(value), int64: value))) }
    mutating func add(_ key: StaticString, _ value: Int64?) { if let value { add(key, value) } }
    mutating func add(_ key: StaticString, _ value: Amount) { add(key, .string(value.decimalString)) }
    mutating func add(_ key: StaticString, _ value: Currency) { add(key, .string(value.code)) }
    mutating func add(_ key: StaticString, _ value: Currency?) { if let value { add(key, value) } }
    mutating func add(_ key: StaticString, _ value: CalendarDay) { add(key, .string(value.text)) }
    mutating func add(_ key: StaticString, _ value: Timestamp) { add(key, .string(value.rfc3339)) }
    mutating func add(_ key: StaticString, _ value: [String]) { add(key, .array(value.map { .string($0) })) }
    mutating func add(_ key: StaticString, _ value: DecimalAmount?) { if let value { add(key, .string(value.canonicalText)) } }

    /// The object as a value, to be a member of another.
    var value: JSONValue { .object(members.map { JSONMember(key: $0.key.description, value: $0.value, offset: 0) }) }

    /// The canonical bytes: keys sorted by their bytes (a repeated key stops the writer).
    func canonicalJSON() -> [UInt8] {
        let sorted = members.sorted { a, b in
            CanonicalJSONWriter.precedes(UnsafeBufferPointer(start: a.key.utf8Start, count: a.key.utf8CodeUnitCount),
                                         UnsafeBufferPointer(start: b.key.utf8Start, count: b.key.utf8CodeUnitCount))
        }
        var writer = CanonicalJSONWriter()
        writer.beginObject()
        for member in sorted {
            writer.key(member.key)
            member.value.write(to: &writer)
        }
        writer.endObject()
        return writer.bytes
    }
}
