import Testing
import Money
@testable import LedgerDomain

/// The parsed document (`JSONDocument`) that readers read in place: keys compared by their bytes,
/// values parsed from their bytes, and anything escaped read exactly as its decoded text.
@Suite struct JSONDocumentTests {
    /// `value` written again with every character of every key and string as a `\uXXXX` escape
    /// (surrogate pairs beyond the BMP) and a space around every token: the same document to any
    /// JSON reader, with no plain text left in it.
    static func escapedEverywhere(_ value: JSONValue) -> String {
        func escaped(_ text: String) -> String {
            var out = "\""
            for unit in text.utf16 { out += "\\u" + String(repeating: "0", count: 4 - String(unit, radix: 16).count) + String(unit, radix: 16) }
            return out + "\""
        }
        switch value {
        case .null: return " null "
        case .bool(let flag): return flag ? " true " : " false "
        case .number(let number): return " \(number.text) "
        case .string(let text): return escaped(text)
        case .array(let elements): return " [ " + elements.map(escapedEverywhere).joined(separator: " , ") + " ] "
        case .object(let members):
            return " { " + members.map { " \(escaped($0.key)) : \(escapedEverywhere($0.value))" }.joined(separator: " , ") + " } "
        }
    }

    static func escapedEverywhere(_ text: [UInt8]) throws -> [UInt8] {
        Array(escapedEverywhere(try JSONParser.parse(text)).utf8)
    }

    @Test(arguments: CommandDecoderTests.validCommands)
    func anEscapedCommandDecodesAsItsPlainForm(_ text: String) throws {
        let plain = try CommandDecoder.decode(Array(text.utf8), tokenKey: TestLedger.tokenKey)
        let escaped = try Self.escapedEverywhere(Array(text.utf8))
        #expect(try CommandDecoder.decode(escaped, tokenKey: TestLedger.tokenKey) == plain)
    }

    /// Every field of an escaped stored body is read (a field the reader could not find or parse
    /// would be named); it is refused only because it is not the canonical form.
    @Test(arguments: SampleEvents.all)
    func anEscapedBodyIsReadFieldByFieldAndRefusedOnlyAsNonCanonical(_ event: DomainEvent) throws {
        let body = event.canonicalJSON()
        let escaped = try Self.escapedEverywhere(body)
        #expect(try JSONDocument(parsing: escaped).value().canonicalJSON() == body)
        do {
            _ = try DomainEvent.decode(eventType: event.eventType, schemaVersion: event.schemaVersion, body: escaped)
            Issue.record("an escaped body was accepted")
        } catch {
            #expect(error.message.hasPrefix("body is not the canonical form"), "\(error.message)")
        }
    }

    @Test func nodesFollowTheDocument() throws {
        let text = #"{"a":[1,-2,{"b":"x"}],"\u0063":{},"d":"é","e":null,"f":true,"g":12345678901234567890}"#
        let document = try JSONDocument(parsing: Array(text.utf8))
        let members = Array(document.children(JSONDocument.root))
        #expect(document.count(JSONDocument.root) == 6 && members.count == 6)
        #expect(members.map(document.key) == ["a", "c", "d", "e", "f", "g"])
        #expect(members.map(document.kind) == [.array, .object, .string, .null, .bool, .number])
        let elements = Array(document.children(members[0]))
        #expect(elements.map(document.kind) == [.number, .number, .object])
        #expect(elements.prefix(2).map(document.int64) == [1, -2])
        #expect(document.string(Array(document.children(elements[2]))[0]) == "x")
        #expect(document.children(members[1]).map { $0 }.isEmpty)
        #expect(document.key(members[1], is: "c"), "an escaped key is its decoded text")
        #expect(!document.key(members[0], is: "ab") && !document.key(members[0], is: ""))
        #expect(document.string(members[2]) == "é" && document.withUTF8(members[2]) { Array($0) } == Array("é".utf8))
        #expect(document.bool(members[4]))
        #expect(document.int64(members[5]) == nil && document.rawText(members[5]) == "12345678901234567890")
        #expect(document.keyOffset(members[1]) == Array(text.utf8).firstIndex(of: UInt8(ascii: "\\"))! - 1, "the key's opening quote")
    }

    /// Values parsed from their bytes in place say what is wrong with the decoded text, escaped or not.
    @Test(arguments: [#""12.345""#, #""\u0031\u0032.345""#])
    func valuesParsedInPlaceEchoTheirDecodedText(_ amount: String) throws {
        let text = CommandDecoderTests.validCommands[5].replacingOccurrences(of: #""37.50""#, with: amount)
        #expect(text != CommandDecoderTests.validCommands[5])
        do {
            _ = try CommandDecoder.decode(Array(text.utf8), tokenKey: TestLedger.tokenKey)
            Issue.record("accepted three decimal places for HKD")
        } catch {
            #expect(error == CommandRejection(code: "invalid_field", field: "amount",
                                              message: #"CaptureCardPayment.amount "12.345": HKD has 2 decimal places"#))
        }
    }
}
