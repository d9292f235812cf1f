/// Acquirer reference number checks (VISA-FILE.md): 23 digits = format code (1), acquirer BIN
/// (6), date YDDD (4), sequence (11), Luhn check digit over the first 22.
public enum VisaARN {
    public static let digitsCount = 23

    /// The Luhn check digit (0-9) for a payload of ASCII digits.
    ///
    /// Deliberately not LedgerDomain's `Luhn`: VisaSettlement is the file format alone and
    /// depends on Money only, so that a settlement file can be read, checked and written without
    /// the ledger. The ledger's ARN check (`Identifier.isValidARN`) and the scenario generator use
    /// `Luhn`; the generated day's ARNs are made with that one and checked with this one when
    /// the settlement file is read (GeneratorReconTests), so the two cannot drift apart unseen.
    public static func checkDigit(payload: some Collection<UInt8>) -> UInt8 {
        var sum = 0
        var double = true  // the rightmost payload digit is doubled
        for byte in payload.reversed() {
            precondition(byte >= 0x30 && byte <= 0x39, "the ARN payload is digits")
            var d = Int(byte - 0x30)
            if double { d *= 2; if d > 9 { d -= 9 } }
            sum += d
            double.toggle()
        }
        return UInt8((10 - sum % 10) % 10)
    }

    /// True when `arn` is 23 ASCII digits whose last is the Luhn check digit of the first 22.
    public static func isValid(_ arn: some Collection<UInt8>) -> Bool {
        guard arn.count == digitsCount, arn.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        guard let last = arn.reversed().first else { return false }
        return checkDigit(payload: arn.dropLast()) == last - 0x30
    }

    /// Builds a valid ARN from its parts (for the writer, generator and tests).
    public static func make(formatCode: Int, acquirerBIN: String, dateYDDD: String, sequence: Int) -> String {
        precondition((0...9).contains(formatCode) && acquirerBIN.count == 6 && dateYDDD.count == 4
                     && sequence >= 0 && sequence < 100_000_000_000, "ARN parts out of range")
        let sequenceText = String(sequence)
        let payload = String(formatCode) + acquirerBIN + dateYDDD
            + String(repeating: "0", count: 11 - sequenceText.count) + sequenceText
        return payload + String(checkDigit(payload: Array(payload.utf8)))
    }
}
