import Testing
@testable import LedgerDomain

/// Stored bodies that parse but break an event's own invariants are decoding errors naming the
/// field, never a trap (the projection runner names the seq around them).
@Suite struct StoredBodyDecodingTests {
    static func body(_ type: String, _ edit: (String) -> String) throws -> [UInt8] {
        let event = try #require(SampleEvents.all.first { $0.eventType == type })
        let text = String(decoding: event.canonicalJSON(), as: UTF8.self)
        let edited = edit(text)
        #expect(edited != text)
        return Array(edited.utf8)
    }

    static func failure(_ type: String, _ version: Int, _ body: [UInt8]) -> EventDecodingError? {
        do { _ = try DomainEvent.decode(eventType: type, schemaVersion: version, body: body); return nil } catch { return error }
    }

    @Test("PaymentCaptured with a programme and no subsidy amount, or the reverse, is refused")
    func captureWithAProgrammeAndNoSubsidyAmountOrTheReverseIsRefused() throws {
        let noAmount = try Self.body("PaymentCaptured") { $0.replacingOccurrences(of: #""subsidy":"1.13","#, with: "") }
        let e1 = try #require(Self.failure("PaymentCaptured", 2, noAmount))
        #expect(e1.message.contains("subsidy") && e1.message.contains("subsidyProgramId"), "\(e1)")
        let noProgramme = try Self.body("PaymentCaptured") { $0.replacingOccurrences(of: #""subsidyProgramId":"P1","#, with: "") }
        let e2 = try #require(Self.failure("PaymentCaptured", 2, noProgramme))
        #expect(e2.message.contains("subsidyProgramId"), "\(e2)")
    }

    @Test("MerchantPaidOut in one currency that pays another amount is refused")
    func sameCurrencyPayoutPayingAnotherAmountIsRefused() throws {
        let body = try Self.body("MerchantPaidOut") { $0.replacingOccurrences(of: #""payoutCurrency":"CNY""#, with: #""payoutCurrency":"HKD""#) }
        let e = try #require(Self.failure("MerchantPaidOut", 1, body))
        #expect(e.message.contains("payoutAmount"), "\(e)")
    }
}
