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
}
