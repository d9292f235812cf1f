import Foundation
import Testing
import Money
@testable import LedgerDomain

/// Canonical JSON vectors: event → exact bytes, kept in Fixtures/canonical/{EventType}.json.
/// Set REGENERATE_FIXTURES=1 to rewrite them in the source tree (then review the diff).
@Suite struct CanonicalJSONTests {
    static let sourceFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func fixture(_ path: String) throws -> [UInt8] {
        let base = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return Array(try Data(contentsOf: base.appendingPathComponent(path)))
    }

    @Test func everyEventTypeHasAVector() {
        #expect(Set(SampleEvents.all.map(\.eventType)) == Set(DomainEvent.currentSchemaVersions.keys))
    }

    @Test(arguments: SampleEvents.all)
    func eventsEncodeToTheirVectorsAndBack(_ event: DomainEvent) throws {
        let bytes = event.canonicalJSON()
        let path = "canonical/\(event.eventType).json"
        if ProcessInfo.processInfo.environment["REGENERATE_FIXTURES"] == "1" {
            try Data(bytes).write(to: Self.sourceFixtures.appendingPathComponent(path))
        }
        let expected = try Self.fixture(path)
        #expect(String(decoding: bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        let decoded = try DomainEvent.decode(eventType: event.eventType, schemaVersion: event.schemaVersion, body: expected)
        #expect(decoded == event)
        try Postings.checkBalanced(decoded.postings)
    }

    @Test func decodingRefusesNonCanonicalOrTamperedBodies() throws {
        let event = SampleEvents.all[5]
        let body = String(decoding: event.canonicalJSON(), as: UTF8.self)
        let spaced = body.replacingOccurrences(of: ",", with: ", ")
        #expect(throws: EventDecodingError.self) { try DomainEvent.decode(eventType: event.eventType, schemaVersion: 2, body: Array(spaced.utf8)) }
        let tampered = body.replacingOccurrences(of: #""amount":"-36.61""#, with: #""amount":"-36.60""#)
        #expect(tampered != body)
        #expect(throws: EventDecodingError.self) { try DomainEvent.decode(eventType: event.eventType, schemaVersion: 2, body: Array(tampered.utf8)) }
        let extra = body.replacingOccurrences(of: "{\"amount\"", with: "{\"aaa\":1,\"amount\"")
        #expect(throws: EventDecodingError.self) { try DomainEvent.decode(eventType: event.eventType, schemaVersion: 2, body: Array(extra.utf8)) }
        #expect(throws: EventDecodingError.self) { try DomainEvent.decode(eventType: "Nope", schemaVersion: 1, body: Array(body.utf8)) }
        #expect(throws: EventDecodingError.self) { try DomainEvent.decode(eventType: event.eventType, schemaVersion: 3, body: Array(body.utf8)) }
    }

    @Test func upcastsChargebackReversedV1GoldenEventsWithNothingRestored() throws {
        let v1 = try Self.fixture("upcast/ChargebackReversed.v1.json")
        let event = try DomainEvent.decode(eventType: "ChargebackReversed", schemaVersion: 1, body: v1)
        guard case .chargebackReversed(let reversed) = event else {
            Issue.record("not a chargeback reversal")
            return
        }
        #expect(reversed.subsidyRestored == nil && reversed.amount.minorUnits == 2755 && reversed.chargebackId == "CB1")
        // v1 bodies hold exactly the v2 fields minus subsidyRestored, so nil re-encodes to the same bytes.
        #expect(event.canonicalJSON() == v1)
        #expect(try DomainEvent.decode(eventType: "ChargebackReversed", schemaVersion: 2, body: event.canonicalJSON()) == event)
    }

    @Test func upcastsPaymentCapturedV1GoldenEvents() throws {
        let v1 = try Self.fixture("upcast/PaymentCaptured.v1.json")
        let expected = try Self.fixture("upcast/PaymentCaptured.v1.upcast.json")
        let lines = v1.split(separator: UInt8(ascii: "\n"))
        let expectedLines = expected.split(separator: UInt8(ascii: "\n"))
        #expect(lines.count == expectedLines.count && !lines.isEmpty)
        if ProcessInfo.processInfo.environment["REGENERATE_FIXTURES"] == "1" {
            var regenerated: [UInt8] = []
            for line in lines {
                regenerated += try DomainEvent.decode(eventType: "PaymentCaptured", schemaVersion: 1, body: line).canonicalJSON()
                regenerated.append(UInt8(ascii: "\n"))
            }
            try Data(regenerated).write(to: Self.sourceFixtures.appendingPathComponent("upcast/PaymentCaptured.v1.upcast.json"))
        }
        for (line, expectedLine) in zip(lines, expectedLines) {
            let event = try DomainEvent.decode(eventType: "PaymentCaptured", schemaVersion: 1, body: line)
            guard case .paymentCaptured(let captured) = event else {
                Issue.record("not a capture")
                continue
            }
            #expect(captured.visaTransactionId == nil)
            #expect(captured.subsidy == nil)
            try Postings.checkBalanced(captured.postings)
            #expect(String(decoding: event.canonicalJSON(), as: UTF8.self) == String(decoding: expectedLine, as: UTF8.self))
            // The upcast event is a valid current-version event.
            #expect(try DomainEvent.decode(eventType: "PaymentCaptured", schemaVersion: 2, body: event.canonicalJSON()) == event)
        }
    }
    /// The escaper appends runs that need no escape whole; its bytes must stay those of the
    /// byte-by-byte definition (event hashes cover them): `"` `\` and control characters escaped,
    /// `\b \f \n \r \t` short, other controls as `\u00xx`, everything else (non-ASCII too) as is.
    @Test func stringEscapesAreTheByteByByteDefinition() {
        func reference(_ text: String) -> [UInt8] {
            var out: [UInt8] = [0x22]
            for b in text.utf8 {
                switch b {
                case 0x22: out += [0x5C, 0x22]
                case 0x5C: out += [0x5C, 0x5C]
                case 0x08: out += Array("\\b".utf8)
                case 0x0C: out += Array("\\f".utf8)
                case 0x0A: out += Array("\\n".utf8)
                case 0x0D: out += Array("\\r".utf8)
                case 0x09: out += Array("\\t".utf8)
                case 0..<0x20: out += Array(String(format: "\\u%04x", b).utf8)
                default: out.append(b)
                }
            }
            return out + [0x22]
        }
        var texts = ["", "plain", "\"", "\\", "a\"b", "\"start", "end\\", "\n\r\t\u{08}\u{0C}", "\u{01}x\u{1F}", "/ 香港 €", "\u{7F}"]
        texts += (0..<128).map { String(UnicodeScalar(UInt8($0))) + "mid" + String(UnicodeScalar(UInt8($0))) }
        var rng = SplitMix64(seed: 5)
        for _ in 0..<500 {
            let scalars = (0..<Int(rng.next() % 12)).map { _ -> Character in
                let pick = rng.next() % 4
                return pick == 0 ? Character(UnicodeScalar(UInt8(rng.next() % 0x30))) : pick == 1 ? "港" : Character(UnicodeScalar(UInt8(0x41 + rng.next() % 26)))
            }
            texts.append(String(scalars))
        }
        for text in texts {
            var writer = CanonicalJSONWriter()
            writer.string(text)
            #expect(writer.bytes == reference(text), "\(Array(text.utf8))")
        }
    }

    /// The writer's own buffer: output longer than the capacity it started with comes out whole
    /// (every growth copies what was written), and `hasCanonicalJSON` compares the bytes as written.
    @Test func writerGrowsItsBufferAndComparesWithoutBuildingAnArray() {
        for capacity in [1, 16, 17, 300] {
            var writer = CanonicalJSONWriter(capacity: capacity)
            writer.beginArray()
            var expected: [String] = []
            for i in 0..<40 {
                writer.string(String(repeating: "x\u{1}", count: i))
                expected.append("\"" + String(repeating: #"x\u0001"#, count: i) + "\"")
            }
            writer.beginArray()
            writer.endArray()
            writer.endArray()
            #expect(String(decoding: writer.bytes, as: UTF8.self) == "[" + expected.joined(separator: ",") + ",[]]", "capacity \(capacity)")
        }
        for event in SampleEvents.all {
            let body = event.canonicalJSON()
            #expect(event.hasCanonicalJSON(body))
            #expect(!event.hasCanonicalJSON(Array(body.dropLast())))
            #expect(!event.hasCanonicalJSON(body + [0x20]))
            #expect(!event.hasCanonicalJSON([]))
            for position in [0, body.count / 2, body.count - 1] {
                var changed = body
                changed[position] ^= 0x01
                #expect(!event.hasCanonicalJSON(changed), "\(event.eventType) byte \(position)")
            }
        }
    }

    @Test func keysOutOfOrderStopTheWriter() async {
        await #expect(processExitsWith: .failure) {
            var writer = CanonicalJSONWriter()
            writer.beginObject()
            writer.field("b", "1")
            writer.field("a", "2")
        }
        await #expect(processExitsWith: .failure) {
            var writer = CanonicalJSONWriter()
            writer.beginObject()
            writer.field("a", "1")
            writer.field("a", "2")
        }
        // Keys of nested objects are ordered within their own object.
        var writer = CanonicalJSONWriter()
        writer.beginObject()
        writer.key("a")
        writer.beginObject()
        writer.field("z", "1")
        writer.endObject()
        writer.field("b", "2")
        writer.field("ba", "3")
        writer.endObject()
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"{"a":{"z":"1"},"b":"2","ba":"3"}"#)
    }

    @Test func accountPathsJoinTheirParts() {
        #expect(Account.buyerReceivable("B-1") == "buyer/B-1/receivable")
        #expect(Account.merchantPending("M.2") == "merchant/M.2/pending")
        #expect(Account.merchantPayable("") == "merchant//payable")
        #expect(Account.funderReceivable("P_3") == "subsidy/P_3/funder-receivable")
        #expect(Account.platformBank(Currency(code: "HKD")!) == "platform/bank/HKD")
        let long = String(repeating: "m", count: 100)
        #expect(Account.merchantPayable(long) == "merchant/" + long + "/payable")
    }
}
