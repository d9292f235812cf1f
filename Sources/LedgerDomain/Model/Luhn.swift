/// The Luhn (mod 10) check used by card numbers and ARNs.
public enum Luhn {
    /// True when the digits (ASCII, all digits, at least 2) pass the Luhn check.
    public static func isValid(_ digits: some Collection<UInt8>) -> Bool {
        guard digits.count >= 2 else { return false }
        var sum = 0
        var double = false
        for byte in digits.reversed() {
            let digit = Int(byte &- UInt8(ascii: "0"))
            guard digit <= 9 else { return false }
            if double {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
            double.toggle()
        }
        return sum % 10 == 0
    }

    /// The check digit that makes `payload` + digit Luhn-valid (for generators and tests).
    public static func checkDigit(for payload: some Collection<UInt8>) -> UInt8 {
        var sum = 0
        var double = true
        for byte in payload.reversed() {
            let digit = Int(byte &- UInt8(ascii: "0"))
            precondition(digit <= 9, "Luhn payload must be digits")
            if double {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
            double.toggle()
        }
        return UInt8(ascii: "0") + UInt8((10 - sum % 10) % 10)
    }
}
