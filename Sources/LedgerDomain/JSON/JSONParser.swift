/// A small, strict JSON parser over UTF-8 bytes (RFC 8259): objects, arrays, strings with all
/// escapes (surrogate pairs checked), numbers, true/false/null. Refuses duplicate keys, invalid
/// UTF-8, raw control characters, trailing content, and nesting deeper than `nestingDepthMax`.
/// Errors carry the byte position (`JSONSyntaxError`).
public struct JSONParser {
    /// Deepest nesting of arrays and objects accepted.
    public static let nestingDepthMax = 32
    /// Largest document accepted, in bytes (one command or one event body).
    public static let documentBytesMax = 1 << 20

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0
    private var scratch: [UInt8] = []
    private var nodes: [JSONDocument.Node] = []

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The document's nodes (`JSONDocument`), or where and why the input is not JSON.
    static func nodes(_ input: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> [JSONDocument.Node] {
        guard input.count <= documentBytesMax else {
            throw JSONSyntaxError.at(documentBytesMax, in: input, "document longer than \(documentBytesMax) bytes")
        }
        var parser = JSONParser(input)
        parser.nodes.reserveCapacity(32)  // an event body's fields, with room for a few postings
        parser.skipWhitespace()
        try parser.parseValue()
        parser.skipWhitespace()
        guard parser.index == input.count else { throw parser.fail("unexpected content after the JSON value") }
        return parser.nodes
    }

    /// The text of a string already parsed, whose bytes between the quotes are `start..<end`:
    /// those bytes when they are plain (`scanString`), else decoded again (which cannot fail).
    static func text(in input: UnsafeBufferPointer<UInt8>, start: Int, end: Int, plain: Bool) -> String {
        if plain { return String(decoding: UnsafeBufferPointer(rebasing: input[start..<end]), as: UTF8.self) }
        var parser = JSONParser(input)
        parser.index = start - 1
        do throws(JSONSyntaxError) { return try parser.parseString() } catch {
            preconditionFailure("a parsed string no longer parses: \(error)")
        }
    }

    /// The tree of `input` (`JSONDocument` is what the readers read).
    public static func parse(_ input: some Collection<UInt8>) throws(JSONSyntaxError) -> JSONValue {
        try JSONDocument(parsing: Array(input)).value()
    }

    private func fail(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError.at(offset ?? index, in: bytes, message)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// Appends the node of a scalar that ends at `index`.
    private mutating func appendScalar(_ kind: JSONDocument.Kind, start: Int, flag: Bool = false, int64: Int64 = 0, plain: Bool = false,
                                       end: Int? = nil) {
        nodes.append(JSONDocument.Node(kind: kind, plainValue: plain, plainKey: false, flag: flag, start: Int32(start),
                                       end: Int32(end ?? index), keyStart: -1, keyEnd: -1, next: Int32(nodes.count + 1),
                                       count: 0, int64: int64))
    }

    private mutating func parseValue() throws(JSONSyntaxError) {
        guard index < bytes.count else { throw fail("unexpected end of input, expected a value") }
        let start = index
        switch bytes[index] {
        case UInt8(ascii: "{"): try parseObject()
        case UInt8(ascii: "["): try parseArray()
        case UInt8(ascii: "\""):
            let text = try scanString()
            appendScalar(.string, start: text.start, plain: text.plain, end: text.end)
        case UInt8(ascii: "t"): try expectWord("true"); appendScalar(.bool, start: start, flag: true)
        case UInt8(ascii: "f"): try expectWord("false"); appendScalar(.bool, start: start)
        case UInt8(ascii: "n"): try expectWord("null"); appendScalar(.null, start: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let value = try parseNumber()
            appendScalar(.number, start: start, flag: value != nil, int64: value ?? 0)
        default: throw fail("unexpected character, expected a value")
        }
    }

    private mutating func expectWord(_ word: StaticString) throws(JSONSyntaxError) {
        let start = index
        let utf8 = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for byte in utf8 {
            guard index < bytes.count, bytes[index] == byte else { throw fail("invalid literal", at: start) }
            index += 1
        }
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > JSONParser.nestingDepthMax { throw fail("nesting deeper than \(JSONParser.nestingDepthMax)") }
    }

    /// Appends the node of an object or array; its count and `next` are set when it closes.
    private mutating func open(_ kind: JSONDocument.Kind) -> Int {
        nodes.append(JSONDocument.Node(kind: kind, plainValue: false, plainKey: false, flag: false, start: Int32(index), end: 0,
                                       keyStart: -1, keyEnd: -1, next: 0, count: 0, int64: 0))
        return nodes.count - 1
    }

    private mutating func close(_ node: Int, count: Int) {
        depth -= 1
        nodes[node].end = Int32(index)
        nodes[node].next = Int32(nodes.count)
        nodes[node].count = Int32(count)
    }

    private mutating func parseObject() throws(JSONSyntaxError) {
        try enter()
        let object = open(.object)
        index += 1
        var count = 0
        var ascending = true
        var previous: KeyRange? = nil  // the key of the member before
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
            index += 1
            close(object, count: 0)
            return
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a string key") }
            let keyOffset = index
            let key = try scanString()
            // Keys in ascending order (every canonical body) cannot repeat one: only a key not
            // after the one before it is looked for among the others.
            if let previous, !(ascending && keyPrecedes(previous, key)) {
                ascending = false
                var other = object + 1
                while other < nodes.count {
                    let earlier = (start: Int(nodes[other].keyStart), end: Int(nodes[other].keyEnd), plain: nodes[other].plainKey)
                    if keysEqual(earlier, key) { throw fail("duplicate key \(FieldProblem.echo(keyText(key)))", at: keyOffset) }
                    other = Int(nodes[other].next)
                }
            }
            previous = key
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected \":\" after a key") }
            index += 1
            skipWhitespace()
            let member = nodes.count
            try parseValue()
            nodes[member].keyStart = Int32(key.start)
            nodes[member].keyEnd = Int32(key.end)
            nodes[member].plainKey = key.plain
            count += 1
            skipWhitespace()
            guard index < bytes.count else { throw fail("unexpected end of input in an object") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; break }
            throw fail("expected \",\" or \"}\" in an object")
        }
        close(object, count: count)
    }

    /// A string's bytes between its quotes, and whether they are plain (`scanString`).
    private typealias KeyRange = (start: Int, end: Int, plain: Bool)

    private func keyText(_ key: KeyRange) -> String { JSONParser.text(in: bytes, start: key.start, end: key.end, plain: key.plain) }

    /// As `String`'s `<` and `==` order and compare keys (plain keys by their bytes, which agree).
    private func keyPrecedes(_ a: KeyRange, _ b: KeyRange) -> Bool {
        guard a.plain && b.plain else { return keyText(a) < keyText(b) }
        return CanonicalJSONWriter.precedes(UnsafeBufferPointer(rebasing: bytes[a.start..<a.end]),
                                            UnsafeBufferPointer(rebasing: bytes[b.start..<b.end]))
    }

    private func keysEqual(_ a: KeyRange, _ b: KeyRange) -> Bool {
        guard a.plain && b.plain else { return keyText(a) == keyText(b) }
        return bytes[a.start..<a.end].elementsEqual(bytes[b.start..<b.end])
    }

    private mutating func parseArray() throws(JSONSyntaxError) {
        try enter()
        let array = open(.array)
        index += 1
        var count = 0
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
            index += 1
            close(array, count: 0)
            return
        }
        while true {
            skipWhitespace()
            try parseValue()
            count += 1
            skipWhitespace()
            guard index < bytes.count else { throw fail("unexpected end of input in an array") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; break }
            throw fail("expected \",\" or \"]\" in an array")
        }
        close(array, count: count)
    }

    /// Checks the string at `index` and steps over it, making no `String`: its bytes between the
    /// quotes, and whether they are plain (ASCII, no escapes). Anything else is checked by
    /// `parseString` (escapes, UTF-8), with the same messages at the same positions.
    private mutating func scanString() throws(JSONSyntaxError) -> (start: Int, end: Int, plain: Bool) {
        let quote = index
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return (start, index - 1, true)
            }
            if byte == UInt8(ascii: "\\") || byte >= 0x80 { break }
            if byte < 0x20 { throw fail("control character in a string (escape it)") }
            index += 1
        }
        index = quote
        _ = try parseString()
        return (start, index - 1, false)
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        let quote = index
        index += 1
        let start = index
        // Fast path: no escapes.
        var high: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let raw = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                // ASCII is valid UTF-8: skip the generic validating initializer (its metadata
                // lookups cost more than the parse of the string).
                if high < 0x80 { return String(decoding: raw, as: UTF8.self) }
                guard let text = String(validating: raw, as: UTF8.self) else {
                    throw fail("invalid UTF-8 in a string", at: quote)
                }
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw fail("control character in a string (escape it)") }
            high |= byte
            index += 1
        }
        guard index < bytes.count else { throw fail("unterminated string", at: quote) }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                guard let text = String(validating: scratch, as: UTF8.self) else {
                    throw fail("invalid UTF-8 in a string", at: quote)
                }
                return text
            }
            if byte < 0x20 { throw fail("control character in a string (escape it)") }
            if byte != UInt8(ascii: "\\") {
                scratch.append(byte)
                index += 1
                continue
            }
            index += 1
            guard index < bytes.count else { break }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""): scratch.append(0x22)
            case UInt8(ascii: "\\"): scratch.append(0x5C)
            case UInt8(ascii: "/"): scratch.append(0x2F)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"): try appendUnicodeEscape()
            default: throw fail("invalid escape", at: index - 2)
            }
        }
        throw fail("unterminated string", at: quote)
    }

    private mutating func readHex4() throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw fail("incomplete \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw fail("invalid hex digit in \\u escape")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    private mutating func appendUnicodeEscape() throws(JSONSyntaxError) {
        let escapeStart = index - 2
        var scalarValue = try readHex4()
        if scalarValue >= 0xD800 && scalarValue <= 0xDBFF {
            guard index + 2 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                throw fail("unpaired surrogate in \\u escape", at: escapeStart)
            }
            index += 2
            let low = try readHex4()
            guard low >= 0xDC00 && low <= 0xDFFF else { throw fail("unpaired surrogate in \\u escape", at: escapeStart) }
            scalarValue = 0x10000 + ((scalarValue - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(scalarValue) else { throw fail("unpaired surrogate in \\u escape", at: escapeStart) }
        scratch.append(contentsOf: UTF8.encode(scalar)!)
    }

    /// Steps over a number; its value when it is an integer within `Int64`.
    private mutating func parseNumber() throws(JSONSyntaxError) -> Int64? {
        let start = index
        var negative = false
        if bytes[index] == UInt8(ascii: "-") { negative = true; index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw fail("invalid number", at: start) }
        var integer = true
        var magnitude: UInt64 = 0
        var fits = true
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count && isDigit(bytes[index]) { throw fail("leading zero in a number", at: start) }
        } else {
            while index < bytes.count && isDigit(bytes[index]) {
                let (shifted, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (added, o2) = shifted.addingReportingOverflow(UInt64(bytes[index] - UInt8(ascii: "0")))
                if o1 || o2 { fits = false }
                magnitude = added
                index += 1
            }
        }
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            integer = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw fail("digits expected after \".\"", at: start) }
            while index < bytes.count && isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            integer = false
            index += 1
            if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw fail("digits expected in an exponent", at: start) }
            while index < bytes.count && isDigit(bytes[index]) { index += 1 }
        }
        var value: Int64? = nil
        if integer && fits {
            if negative {
                if magnitude <= UInt64(Int64.max) + 1 { value = magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude) }
            } else if magnitude <= UInt64(Int64.max) {
                value = Int64(magnitude)
            }
        }
        return value
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") <= 9 }
}
