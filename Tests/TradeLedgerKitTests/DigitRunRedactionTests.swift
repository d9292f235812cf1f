import LedgerDomain
import LibPQ
import Money
import Testing
import TradeLedgerKit

/// LibPQ keeps its own copy of the digit-run rule (it depends on libpq only); it must withhold at
/// least everything LedgerDomain's `PANDetector` calls a card number, and leave short numbers be.
@Suite("Digit-run redaction") struct DigitRunRedactionTests {
    static let pieces = ["4", "1", "5", "3", "7", "0", "9", "６", "٤", " ", "-", ".", "/", "_", "\u{00A0}", "\u{200B}", "\u{2212}",
                         "\u{FF0D}", "\u{3000}", ":", ",", "a", "卡", "\"", "(", "  ", "4111", "5555", "3782", "6011"]

    @Test("whatever PANDetector finds in a text of digits, separators and words, the redaction leaves none of it")
    func redactionLeavesNothingThePANDetectorFinds() {
        var random = SplitMix64(seed: 20_261_202)
        var found = 0
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<Int(random.next() % 40) { text += Self.pieces[Int(random.next() % UInt64(Self.pieces.count))] }
            if PANDetector.containsCardNumber(text) { found += 1 }
            let redacted = DigitRunRedaction.redacting(text)
            #expect(!PANDetector.containsCardNumber(redacted), "\(Array(text.unicodeScalars).map { String($0.value, radix: 16) })")
            #expect(OperatorText.withoutCardNumbers(text) == (PANDetector.containsCardNumber(text) ? redacted : text))
        }
        #expect(found > 100, "the generator makes card numbers often enough to test something")
    }

    @Test("short numbers, SQLSTATEs, amounts and dates stay; a run of 13 or more digits goes, with its separators")
    func shortNumbersStayLongRunsGo() {
        let kept = ["SQLSTATE 22P02", "amount 1234567.89 HKD", "2026-05-15 10:00", "port 5432", "record 123456789012", "a 1 2 3 4"]
        for text in kept { #expect(DigitRunRedaction.redacting(text) == text) }
        #expect(DigitRunRedaction.redacting(#"uuid: "4111 1111 1111 1111""#) == #"uuid: "[digits withheld]""#)
        #expect(DigitRunRedaction.redacting("x 1234567890123 y") == "x [digits withheld] y")
        // More than three separators in a row end a run (as in PANDetector).
        #expect(DigitRunRedaction.redacting("123456    1234567") == "123456    1234567")
    }
}
