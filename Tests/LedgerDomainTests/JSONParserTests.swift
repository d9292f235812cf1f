import Testing
@testable import LedgerDomain

@Suite struct JSONParserTests {
    func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    @Test func parsesAllValueKinds() throws {
        let value = try parse(#" {"a": [1, -2, 3.5, true, false, null, "x\n\u00e9\ud83d\ude00"], "b": {}} "#)
        guard case .object(let members) = value, case .array(let elements) = members[0].value else {
            Issue.record("not an object")
            return
        }
        #expect(elements.count == 7)
        #expect(elements[0] == .number(JSONNumber(text: "1", int64: 1)))
        #expect(elements[1] == .number(JSONNumber(text: "-2", int64: -2)))
        #expect(elements[2] == .number(JSONNumber(text: "3.5", int64: nil)))
        #expect(elements[6] == .string("x\né😀"))
        #expect(members[1].value == .object([]))
    }

    @Test(arguments: [
        (#"{"a":1,}"#, 8), (#"{"a" 1}"#, 6), ("[1 2]", 4), (#"{"a":01}"#, 6), (#"{"a":"x"} x"#, 11), ("", 1),
        (#"{"a":tru}"#, 6), (#"{"a":1,"a":2}"#, 8), ("{\"a\":\"\u{01}\"}", 7), (#"{"a":"\x"}"#, 7), (#"{"a":1.}"#, 6),
        (#"{"a":"\ud800"}"#, 7),
    ])
    func reportsTheColumnOfMalformedJSON(_ text: String, _ column: Int) {
        do {
            _ = try parse(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.column == column, "\(text): \(error)")
        }
    }

    /// The parser looks for a repeated key only once keys stop ascending (canonical bodies never
    /// do); every repeat is still refused, at the repeated key.
    @Test(arguments: [
        (#"{"a":1,"b":2,"c":3,"b":4}"#, 20), (#"{"a":1,"c":2,"b":3,"c":4}"#, 20), (#"{"a":1,"b":2,"a":3}"#, 14),
        (#"{"b":1,"a":2,"c":3,"a":4}"#, 20), (#"{"k":{"x":1,"y":2,"x":3},"m":0}"#, 19),
        ("{\"\u{e9}\":1,\"e\u{301}\":2}", 9),  // canonically equivalent keys are one key to Swift's String
    ])
    func refusesEveryRepeatedKey(_ text: String, _ column: Int) {
        do {
            _ = try parse(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.column == column && error.message.contains("duplicate key"), "\(text): \(error)")
        }
    }

    @Test func acceptsKeysInAnyOrderWithoutRepeats() throws {
        guard case .object(let members) = try parse(#"{"b":1,"a":2,"d":3,"c":4,"e":{"z":0,"y":1}}"#) else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.key) == ["b", "a", "d", "c", "e"])
    }

    @Test func columnsCountFromTheStartOfTheLine() {
        do {
            _ = try parse("{\n  \"a\": x\n}")
            Issue.record("accepted")
        } catch {
            #expect(error.line == 2)
            #expect(error.column == 8)
        }
    }

    @Test func refusesDeepNestingAndInvalidUTF8() {
        #expect(throws: JSONSyntaxError.self) { try parse(String(repeating: "[", count: 40) + String(repeating: "]", count: 40)) }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
    }

    @Test func canonicalFormSortsKeysAndDropsWhitespace() throws {
        let value = try parse(#"{ "b": 1, "a": {"d": "\/x\"", "c": [true, null]}, "A": "é\u0001" }"#)
        #expect(String(decoding: value.canonicalJSON(), as: UTF8.self) == #"{"A":"é\u0001","a":{"c":[true,null],"d":"/x\""},"b":1}"#)
    }
}
