import Money

/// Builds the members of a JSON object from typed values (used to give commands their canonical
/// JSON form; `JSONValue.canonicalJSON` sorts the keys). Nil optionals are left out.
struct JSONObjectBuilder {
    private(set) var members: [JSONMember] = []

    mutating func add(_ key: String, _ value: JSONValue) { members.append(JSONMember(key: key, value: value, offset: 0)) }
    mutating func add(_ key: String, _ value: String) { add(key, .string(value)) }
    mutating func add(_ key: String, _ value: String?) { if let value { add(key, .string(value)) } }
    mutating func add(_ key: String, _ value: Int64) { add(key, .number(JSONNumber(text: String(value), int64: value))) }
    mutating func add(_ key: String, _ value: Int64?) { if let value { add(key, value) } }
    mutating func add(_ key: String, _ value: Amount) { add(key, .string(value.decimalString)) }
    mutating func add(_ key: String, _ value: Currency) { add(key, .string(value.code)) }
    mutating func add(_ key: String, _ value: Currency?) { if let value { add(key, value) } }
    mutating func add(_ key: String, _ value: CalendarDay) { add(key, .string(value.text)) }
    mutating func add(_ key: String, _ value: Timestamp) { add(key, .string(value.rfc3339)) }
    mutating func add(_ key: String, _ value: [String]) { add(key, .array(value.map { .string($0) })) }
    mutating func add(_ key: String, _ value: DecimalAmount?) { if let value { add(key, .string(value.canonicalText)) } }
}
