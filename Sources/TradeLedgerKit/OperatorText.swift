import LedgerDomain
import LibPQ

/// The last check on text an operator reads (stderr, `submit` results): whatever the error and
/// wherever its words came from (the server, an argument the operator typed, a file), no card
/// number comes out. `PGError` already withholds long digit runs of the server's messages; this
/// covers everything else. When `PANDetector` finds a card number, every long digit run is
/// replaced (`DigitRunRedaction`, whose runs include every window the detector checks); should the
/// detector still find one after that, the text is withheld whole.
public enum OperatorText {
    public static let withheld = "(message withheld: it may hold a card number)"

    public static func withoutCardNumbers(_ text: String) -> String {
        guard PANDetector.containsCardNumber(text) else { return text }
        let redacted = DigitRunRedaction.redacting(text)
        return PANDetector.containsCardNumber(redacted) ? withheld : redacted
    }
}
