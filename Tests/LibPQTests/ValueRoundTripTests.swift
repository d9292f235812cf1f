import LibPQ
import TestSupport
import Testing

@Suite("LibPQ values") struct ValueRoundTripTests {
    static let samples: [(String, PGValue)] = [
        ("bool", .bool(true)), ("bool", .bool(false)),
        ("int2", .int2(-32768)), ("int2", .int2(32767)),
        ("int4", .int4(Int32.min)), ("int4", .int4(Int32.max)),
        ("int8", .int8(Int64.min)), ("int8", .int8(Int64.max)), ("int8", .int8(0)),
        ("text", .text("")), ("text", .text("héllo, 世界 \"quoted\" \\ back")),
        ("bytea", .bytea([])), ("bytea", .bytea([0, 1, 2, 255, 0x5c, 0x27])),
        ("uuid", .uuid(PGUUID("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")!)),
        ("jsonb", .jsonb(#"{"a": [1, 2], "b": "x"}"#)),
        ("timestamptz", .timestamptz(PGTimestamp(microsecondsSinceUnixEpoch: 1_778_839_200_123_456))),
        ("timestamptz", .timestamptz(PGTimestamp(microsecondsSinceUnixEpoch: -1_000_000))),
        ("int8[]", .int8Array([1, -2, Int64.max])), ("int8[]", .int8Array([])),
        ("int4[]", .int4Array([7, 8])), ("int2[]", .array(element: .int2, [.int2(1), .null])),
        ("text[]", .textArray(["a", "b,c", "d\"e", "NULL", ""])),
        ("text[]", .array(element: .text, [.text("x"), .null])),
        ("bytea[]", .byteaArray([[1, 2], []])),
        ("uuid[]", .array(element: .uuid, [.uuid(PGUUID("00000000-0000-0000-0000-000000000001")!)])),
        ("timestamptz[]", .array(element: .timestamptz, [.timestamptz(PGTimestamp(microsecondsSinceUnixEpoch: 0))])),
        ("bool[]", .array(element: .bool, [.bool(true), .bool(false)])),
        ("jsonb[]", .array(element: .jsonb, [.jsonb("[1]")])),
    ]

    @Test("every parameter and result type round-trips in binary and in text",
          arguments: [PGFormat.binary, .text], [PGFormat.binary, .text])
    func everyTypeRoundTripsInBinaryAndText(parameterFormat: PGFormat, resultFormat: PGFormat) throws {
        let c = try PGConnection(TestDatabase.baseURL)
        for (type, value) in Self.samples {
            let r = try c.execute("SELECT $1::\(type)", [value], parameterFormat: parameterFormat, resultFormat: resultFormat)
            let back = try r.value(0, 0)
            if case .jsonb(let s) = value, case .jsonb(let t) = back {
                // jsonb normalizes whitespace; compare through the server.
                let same = try c.execute("SELECT $1::jsonb = $2::jsonb", [.jsonb(s), .jsonb(t)]).bool(0, 0)
                #expect(same, "jsonb \(s) came back as \(t)")
            } else if case .array(.jsonb, _) = value {
                #expect(r.columnType(0) == .jsonbArray)
            } else {
                #expect(back == value, "\(type) \(parameterFormat)/\(resultFormat): sent \(value), got \(back)")
            }
        }
    }

    @Test("the typed accessors read what value reads, in binary and in text, and refuse NULL and other types",
          arguments: [PGFormat.binary, .text])
    func typedAccessorsAgreeWithValue(resultFormat: PGFormat) throws {
        let c = try PGConnection(TestDatabase.baseURL)
        let uuid = PGUUID("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")!
        let at = PGTimestamp(microsecondsSinceUnixEpoch: 1_778_839_200_123_456)
        let r = try c.execute("""
            SELECT $1::int8, $2::int4, $3::int2, $4::text, $5::bytea, $6::uuid, $7::timestamptz,
                   NULL::int8, NULL::text, NULL::bytea, NULL::uuid, NULL::timestamptz, 'x'::varchar
            """, [.int8(Int64.min), .int4(Int32.max), .int2(-7), .text("héllo 世界"), .bytea([0, 255, 0x5c]), .uuid(uuid), .timestamptz(at)],
            resultFormat: resultFormat)
        #expect(try r.int64(0, 0) == Int64.min)
        #expect(try r.int64(0, 1) == Int64(Int32.max))
        #expect(try r.int64(0, 2) == -7)
        #expect(try r.string(0, 3) == "héllo 世界")
        #expect(try r.bytes(0, 4) == [0, 255, 0x5c])
        #expect(try r.uuid(0, 5) == uuid)
        #expect(try r.timestamp(0, 6) == at)
        #expect(try r.string(0, 12) == "x")
        for column in 7...11 {
            #expect(throws: PGError.self, "NULL in column \(column)") {
                switch column {
                case 7: _ = try r.int64(0, column)
                case 8: _ = try r.string(0, column)
                case 9: _ = try r.bytes(0, column)
                case 10: _ = try r.uuid(0, column)
                default: _ = try r.timestamp(0, column)
                }
            }
        }
        #expect(throws: PGError.self) { try r.int64(0, 3) }
        #expect(throws: PGError.self) { try r.bytes(0, 3) }
        #expect(throws: PGError.self) { try r.uuid(0, 4) }
        #expect(throws: PGError.self) { try r.timestamp(0, 0) }
        #expect(throws: PGError.self) { try r.string(0, 0) }
    }

    @Test("NULL parameters and NULL results")
    func nullParametersAndResultsRoundTrip() throws {
        let c = try PGConnection(TestDatabase.baseURL)
        let r = try c.execute("SELECT $1::int8, $2::text, NULL::bytea, 5::int8", [.null, .null])
        #expect(r.isNull(0, 0) && r.isNull(0, 1) && r.isNull(0, 2))
        #expect(try r.value(0, 0) == .null)
        #expect(try r.optionalInt64(0, 0) == nil)
        #expect(try r.optionalString(0, 1) == nil)
        #expect(try r.optionalInt64(0, 3) == 5)
        #expect(throws: PGError.self) { try r.int64(0, 0) }
    }

    @Test("prepared statements run with binary parameters")
    func preparedStatementsRunWithBinaryParameters() throws {
        let c = try PGConnection(TestDatabase.baseURL)
        try c.prepare("add", "SELECT $1::int8 + $2::int8", types: [.int8, .int8])
        for i in Int64(0)..<50 {
            #expect(try c.executePrepared("add", [.int8(i), .int8(1_000_000_000_000)]).int64(0, 0) == i + 1_000_000_000_000)
        }
    }
}
