/// A parsed JSON document as a flat list of nodes over the input's bytes, in document order: a
/// value's node is followed by the nodes inside it, and `next` is the node after all of them.
/// Nothing is made for a key (a member's key is a byte range on its value's node) and no string
/// until a reader asks for one (`string(_:)`), so reading a stored body's typed fields allocates
/// the node list and the strings the event keeps, not a tree (`FieldReader` reads this; the tree,
/// `JSONValue`, is built from it for the callers that walk one).
///
/// The grammar and every check are `JSONParser`'s: a document exists only when its input parsed.
public struct JSONDocument: Sendable {
    public enum Kind: UInt8, Sendable {
        case null, bool, number, string, array, object

        /// "an object", "a string", … for messages.
        public var name: String {
            switch self {
            case .null: return "null"
            case .bool: return "a boolean"
            case .number: return "a number"
            case .string: return "a string"
            case .array: return "an array"
            case .object: return "an object"
            }
        }
    }

    struct Node {
        var kind: Kind
        /// A string value or key is "plain" when its bytes between the quotes are ASCII without
        /// escapes: those bytes are the text, and two plain texts are equal exactly when their
        /// bytes are (anything else is compared as Swift compares strings, as the tree does).
        var plainValue: Bool
        var plainKey: Bool
        /// `true` for a boolean; for a number, whether `int64` holds its value.
        var flag: Bool
        /// The value's bytes; for a string, those between the quotes (`start - 1` is the quote).
        var start: Int32
        var end: Int32
        /// For a member of an object, its key's bytes between the quotes (-1 otherwise).
        var keyStart: Int32
        var keyEnd: Int32
        /// The node after this value and everything inside it.
        var next: Int32
        /// Members of an object, elements of an array.
        var count: Int32
        var int64: Int64
    }

    let bytes: [UInt8]
    let nodes: [Node]

    /// Parses `input` (one command or one event body).
    public init(parsing input: [UInt8]) throws(JSONSyntaxError) {
        nodes = try input.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in try JSONParser.nodes(buffer) }
        bytes = input
    }

    /// The root value's node.
    public static let root = 0

    public func kind(_ node: Int) -> Kind { nodes[node].kind }

    /// The children of an object or array, first to last.
    func children(_ node: Int) -> Children { Children(nodes: nodes, first: node + 1, end: Int(nodes[node].next)) }

    struct Children: Sequence, IteratorProtocol {
        let nodes: [Node]
        var first: Int
        let end: Int
        mutating func next() -> Int? {
            guard first < end else { return nil }
            defer { first = Int(nodes[first].next) }
            return first
        }
    }

    func count(_ node: Int) -> Int { Int(nodes[node].count) }

    func bool(_ node: Int) -> Bool { nodes[node].flag }

    /// A number's value when it is an integer within `Int64`.
    func int64(_ node: Int) -> Int64? { nodes[node].flag ? nodes[node].int64 : nil }

    /// The value's text exactly as written (a number's digits).
    func rawText(_ node: Int) -> String {
        let n = nodes[node]
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[Int(n.start)..<Int(n.end)]), as: UTF8.self) }
    }

    /// A string value's text, escapes decoded.
    func string(_ node: Int) -> String {
        let n = nodes[node]
        return text(start: Int(n.start), end: Int(n.end), plain: n.plainValue)
    }

    /// Calls `body` with a string value's UTF-8 (the input's own bytes when the text is plain, no
    /// `String` made; else the decoded text's), or a number's text as written.
    func withUTF8<R>(_ node: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let n = nodes[node]
        if n.kind == .string && !n.plainValue {
            var text = string(node)
            return text.withUTF8(body)
        }
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[Int(n.start)..<Int(n.end)])) }
    }

    /// Calls `body` with a member's key's UTF-8, as `withUTF8` does for a value.
    func withKeyUTF8<R>(_ node: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let n = nodes[node]
        guard n.plainKey else {
            var text = key(node)
            return text.withUTF8(body)
        }
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[Int(n.keyStart)..<Int(n.keyEnd)])) }
    }

    /// A member's key, escapes decoded.
    func key(_ node: Int) -> String {
        let n = nodes[node]
        return text(start: Int(n.keyStart), end: Int(n.keyEnd), plain: n.plainKey)
    }

    /// Byte offset of a member's key's opening quote.
    func keyOffset(_ node: Int) -> Int { Int(nodes[node].keyStart) - 1 }

    /// Whether a member's key is `key`'s UTF-8 (as `String`'s `==` would say; plain keys by
    /// their bytes).
    func key(_ node: Int, is wanted: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = nodes[node]
        guard n.plainKey else { return self.key(node) == String(decoding: wanted, as: UTF8.self) }
        let start = Int(n.keyStart)
        guard Int(n.keyEnd) - start == wanted.count else { return false }
        return bytes.withUnsafeBufferPointer { input in
            for offset in 0..<wanted.count where input[start &+ offset] != wanted[offset] { return false }
            return true
        }
    }

    func key(_ node: Int, is key: StaticString) -> Bool {
        self.key(node, is: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
    }

    func key(_ node: Int, is key: String) -> Bool {
        var key = key
        return key.withUTF8 { self.key(node, is: $0) }
    }

    private func text(start: Int, end: Int, plain: Bool) -> String {
        bytes.withUnsafeBufferPointer { JSONParser.text(in: $0, start: start, end: end, plain: plain) }
    }

    /// The tree of `node` and everything inside it.
    public func value(_ node: Int = JSONDocument.root) -> JSONValue {
        switch kind(node) {
        case .null: return .null
        case .bool: return .bool(bool(node))
        case .number: return .number(JSONNumber(text: rawText(node), int64: int64(node)))
        case .string: return .string(string(node))
        case .array:
            var elements: [JSONValue] = []
            elements.reserveCapacity(count(node))
            for child in children(node) { elements.append(value(child)) }
            return .array(elements)
        case .object:
            var members: [JSONMember] = []
            members.reserveCapacity(count(node))
            for child in children(node) { members.append(JSONMember(key: key(child), value: value(child), offset: keyOffset(child))) }
            return .object(members)
        }
    }
}
