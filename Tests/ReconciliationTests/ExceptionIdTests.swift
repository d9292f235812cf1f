import LedgerDomain
import Money
import Reconciliation
import Testing

/// Exception ids never look like a card number to the PAN guard.
@Suite("Exception ids")
struct ExceptionIdTests {
    @Test("a line exception id never holds a card-number-shaped digit run, even for a file id that starts with 16 digits")
    func exceptionIdHasNoDigitRun() {
        // A file id whose first 16 hex digits are a Luhn-valid Visa number, and random ones.
        let card = "4111111111111111" + String(repeating: "0", count: 48)
        #expect(PANDetector.containsCardNumber("\(card.prefix(16))-7"))
        let id = ExceptionSpec.Id.line(fileId: card, record: 7)
        #expect(id == "khhhhhhhhhhhhhhh-7")
        #expect(!PANDetector.containsCardNumber(id))
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let fileId = (0..<64).map { _ in String(Int.random(in: 0..<16, using: &rng), radix: 16) }.joined()
            let lineId = ExceptionSpec.Id.line(fileId: fileId, record: Int64.random(in: 1...9_999_999, using: &rng))
            #expect(!PANDetector.containsCardNumber(lineId), "\(lineId)")
            #expect(!PANDetector.containsCardNumber(ExceptionSpec.Id.net(fileId: fileId, currency: .usd)))
        }
    }
}
