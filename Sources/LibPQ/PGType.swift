import CLibPQ

/// PostgreSQL type OIDs the store uses (pg_type.dat).
public struct PGType: Hashable, Sendable, CustomStringConvertible {
    public let oid: UInt32
    public init(oid: UInt32) { self.oid = oid }

    public static let bool = PGType(oid: 16)
    public static let bytea = PGType(oid: 17)
    public static let int8 = PGType(oid: 20)
    public static let int2 = PGType(oid: 21)
    public static let int4 = PGType(oid: 23)
    public static let text = PGType(oid: 25)
    public static let varchar = PGType(oid: 1043)
    public static let json = PGType(oid: 114)
    public static let jsonb = PGType(oid: 3802)
    public static let uuid = PGType(oid: 2950)
    public static let timestamptz = PGType(oid: 1184)
    public static let numeric = PGType(oid: 1700)
    public static let unknown = PGType(oid: 705)

    public static let boolArray = PGType(oid: 1000)
    public static let byteaArray = PGType(oid: 1001)
    public static let int2Array = PGType(oid: 1005)
    public static let int4Array = PGType(oid: 1007)
    public static let textArray = PGType(oid: 1009)
    public static let int8Array = PGType(oid: 1016)
    public static let timestamptzArray = PGType(oid: 1185)
    public static let uuidArray = PGType(oid: 2951)
    public static let jsonbArray = PGType(oid: 3807)

    /// Element type of an array type, or nil.
    public var arrayElement: PGType? {
        switch self {
        case .boolArray: .bool
        case .byteaArray: .bytea
        case .int2Array: .int2
        case .int4Array: .int4
        case .textArray: .text
        case .int8Array: .int8
        case .timestamptzArray: .timestamptz
        case .uuidArray: .uuid
        case .jsonbArray: .jsonb
        default: nil
        }
    }

    public var description: String { "oid \(oid)" }
}
