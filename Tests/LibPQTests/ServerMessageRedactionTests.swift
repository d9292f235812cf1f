import LibPQ
import TestSupport
import Testing

/// PostgreSQL quotes a refused input value in its primary message (`invalid input syntax for type
/// uuid: "…"`), and that value may come from a command: a card number must never come out of a
/// `PGError` (its `message` or its `description`), while the SQLSTATE, the server's wording and
/// the statement's first line stay.
@Suite("LibPQ server messages") struct ServerMessageRedactionTests {
    static let cardNumbers = ["4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111", "5555.5555.5555.4444",
                              "４１１１１１１１１１１１１１１１", "4111\u{00A0}1111\u{200B}1111 - 1111"]

    /// The text with its separators (those of PANDetector) taken out, for a plain `contains`.
    static func squeezed(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { !" -./_\u{00A0}\u{200B}".unicodeScalars.contains($0) }))
    }

    static func leaks(_ text: String, _ card: String) -> Bool {
        let digits = squeezed(card)
        return squeezed(text).contains(digits) || squeezed(text).contains(String(digits.prefix(13)))
    }

    @Test("a server message quoting a card number given as a parameter shows neither the number nor its digits")
    func serverMessageQuotingACardNumberParameterShowsNoDigits() throws {
        try TestDatabase.with { url in
            let c = try PGConnection(url)
            for card in Self.cardNumbers {
                for cast in ["uuid", "int4", "date"] {
                    do {
                        _ = try c.execute("SELECT $1::\(cast)", [.text(card)])
                        Issue.record("expected \(cast) to refuse the text")
                    } catch let error as PGError {
                        #expect(["22P02", "22003", "22007", "22008"].contains(error.sqlState ?? ""), "\(error.sqlState ?? "")")
                        #expect(!Self.leaks(error.message, card), "message: \(error.message)")
                        #expect(!Self.leaks(error.description, card), "description: \(error.description)")
                        #expect(error.description.contains("SELECT $1::\(cast)"), "\(error.description)")
                        #expect(error.description.contains(error.sqlState ?? "?"), "\(error.description)")
                    }
                }
            }
            do {
                _ = try c.execute("SELECT $1::uuid", [.text("not-a-uuid-12")])
                Issue.record("expected uuid to refuse the text")
            } catch let error as PGError {
                // Short numbers and words stay as the server wrote them.
                #expect(error.message == #"invalid input syntax for type uuid: "not-a-uuid-12""#, "\(error.message)")
            }
        }
    }
}
