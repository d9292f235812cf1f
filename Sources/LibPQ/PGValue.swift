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
