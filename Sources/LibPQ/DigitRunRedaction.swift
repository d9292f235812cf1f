/// Takes long digit runs out of text that came from outside the program (a server's message, a
/// value read back) before anyone reads it: such a run could be a card number (PAN), and a message
/// must never echo one. LibPQ depends on libpq only, so this is its own copy of the digit-run rule
/// of LedgerDomain's `PANDetector`, made stricter: every run of `digitsInRunMin` or more digits is
/// replaced, Luhn-valid or not, whatever its first digits.
///
/// A digit is any Unicode decimal digit (full-width ０–９, Arabic-Indic, …). A run's digits may be
/// separated by at most `separatorsBetweenDigitsMax` separator characters in a row: spaces of every
/// kind, `-` `.` `/` `_`, dashes, invisible format characters, and the full-width and small forms
/// of those (a superset of `PANDetector`'s separators, so what it would call a card number is
/// always inside a replaced run). Shorter numbers (SQLSTATEs, counts, amounts, dates, ports) stay.
public enum DigitRunRedaction {
    public static let digitsInRunMin = 13
    public static let separatorsBetweenDigitsMax = 3
    public static let replacement = "[digits withheld]"

    /// `text` with every run of `digitsInRunMin` or more digits replaced by `replacement`.
    public static func redacting(_ text: String) -> String {
        var digitCount = 0
        for scalar in text.unicodeScalars where isDigit(scalar) { digitCount += 1 }
        guard digitCount >= digitsInRunMin else { return text }

        var out = String.UnicodeScalarView()
        var run = String.UnicodeScalarView()  // the current run, up to its last digit
        var pending = String.UnicodeScalarView()  // separators after the run's last digit
        var runDigits = 0
        func endRun() {
            if runDigits >= digitsInRunMin { out.append(contentsOf: replacement.unicodeScalars) } else { out.append(contentsOf: run) }
            out.append(contentsOf: pending)
            run = String.UnicodeScalarView()
            pending = String.UnicodeScalarView()
            runDigits = 0
        }
        for scalar in text.unicodeScalars {
            if isDigit(scalar) {
                run.append(contentsOf: pending)
                pending = String.UnicodeScalarView()
                run.append(scalar)
                runDigits += 1
            } else if runDigits > 0 && isSeparator(scalar) && pending.count < separatorsBetweenDigitsMax {
                pending.append(scalar)
            } else {
                endRun()
                out.append(scalar)
            }
        }
        endRun()
        return String(out)
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.value &- 0x30 <= 9 }
        return scalar.properties.generalCategory == .decimalNumber
    }

    static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09...0x0D, 0x2D, 0x2E, 0x2F, 0x5F:
            return true
        case 0x00A0, 0x00AD, 0x1680, 0x2000...0x2015, 0x2024, 0x2028, 0x2029, 0x202F, 0x2044, 0x205F,
             0x2060...0x206F, 0x2212, 0x2215, 0x3000, 0xFE52, 0xFE58, 0xFE63, 0xFEFF, 0xFF0D, 0xFF0E, 0xFF0F, 0xFF3F:
            return true
        default:
            guard !scalar.isASCII else { return false }
            switch scalar.properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator, .format, .dashPunctuation: return true
            default: return false
            }
        }
    }
}
