/// A value sent to or read from PostgreSQL, for the types the store needs.
public enum PGValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int2(Int16)
    case int4(Int32)
    case int8(Int64)
    case text(String)
    case bytea([UInt8])
    case uuid(PGUUID)
    case jsonb(String)
    case timestamptz(PGTimestamp)
    /// A one-dimensional array of `element` values (each `.null` or of that type).
    case array(element: PGType, [PGValue])

    /// The type OID sent with the value as a parameter (`.null` lets the server infer it).
    public var type: PGType {
        switch self {
        case .null: .unknown
        case .bool: .bool
        case .int2: .int2
        case .int4: .int4
        case .int8: .int8
        case .text: .text
        case .bytea: .bytea
        case .uuid: .uuid
        case .jsonb: .jsonb
        case .timestamptz: .timestamptz
        case .array(let element, _): Self.arrayType(of: element)
        }
    }

    static func arrayType(of element: PGType) -> PGType {
        switch element {
        case .bool: .boolArray
        case .bytea: .byteaArray
        case .int2: .int2Array
        case .int4: .int4Array
        case .text: .textArray
        case .int8: .int8Array
        case .timestamptz: .timestamptzArray
        case .uuid: .uuidArray
        case .jsonb: .jsonbArray
        default: preconditionFailure("no array type for \(element)")
        }
    }
}

extension PGValue {
    public static func int8Array(_ values: [Int64]) -> PGValue { .array(element: .int8, values.map { .int8($0) }) }
    public static func int4Array(_ values: [Int32]) -> PGValue { .array(element: .int4, values.map { .int4($0) }) }
    public static func textArray(_ values: [String]) -> PGValue { .array(element: .text, values.map { .text($0) }) }
    public static func byteaArray(_ values: [[UInt8]]) -> PGValue { .array(element: .bytea, values.map { .bytea($0) }) }
    public static func optional(_ value: String?) -> PGValue { value.map { .text($0) } ?? .null }
    public static func optional(_ value: Int64?) -> PGValue { value.map { .int8($0) } ?? .null }
}

/// A UUID as 16 bytes (no Foundation on this path).
public struct PGUUID: Hashable, Sendable, CustomStringConvertible {
    public var bytes: [UInt8]
    public init(bytes: [UInt8]) {
        precondition(bytes.count == 16, "a UUID has 16 bytes")
        self.bytes = bytes
    }
    /// Parses `8-4-4-4-12` hex (case-insensitive).
    public init?(_ text: String) {
        var out: [UInt8] = []
        out.reserveCapacity(16)
        var high: UInt8? = nil
        for c in text.utf8 where c != UInt8(ascii: "-") {
            guard let v = Hex.nibble(c) else { return nil }
            if let h = high { out.append(h << 4 | v); high = nil } else { high = v }
        }
        guard out.count == 16, high == nil else { return nil }
        bytes = out
    }
    public var description: String {
        let hex = Hex.encode(bytes)
        let u = Array(hex.utf8)
        func part(_ r: Range<Int>) -> String { String(decoding: u[r], as: UTF8.self) }
        return "\(part(0..<8))-\(part(8..<12))-\(part(12..<16))-\(part(16..<20))-\(part(20..<32))"
    }
}

/// A `timestamptz` as microseconds since the Unix epoch, UTC.
public struct PGTimestamp: Hashable, Comparable, Sendable {
    public var microsecondsSinceUnixEpoch: Int64
    public init(microsecondsSinceUnixEpoch: Int64) { self.microsecondsSinceUnixEpoch = microsecondsSinceUnixEpoch }
    public static func < (a: Self, b: Self) -> Bool { a.microsecondsSinceUnixEpoch < b.microsecondsSinceUnixEpoch }

    /// PostgreSQL's binary timestamps count from 2000-01-01 00:00:00 UTC.
    static let postgresEpochOffsetMicroseconds: Int64 = 946_684_800 * 1_000_000
}

enum Hex {
    static let digits: [UInt8] = Array("0123456789abcdef".utf8)
    static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
