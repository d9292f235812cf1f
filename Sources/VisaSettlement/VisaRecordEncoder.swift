/// Builds one 168-byte record in a reused buffer: numbers zero-padded on the left, text
/// left-justified and space padded. Values that do not fit are programmer errors.
struct VisaRecordEncoder {
    private(set) var bytes = [UInt8](repeating: 0x20, count: VisaLimits.recordBytes)

    mutating func reset() {
        for i in bytes.indices { bytes[i] = 0x20 }
    }

    private static func check(_ from: Int, _ to: Int) {
        precondition(from >= 1 && from <= to && to <= VisaLimits.recordBytes, "positions out of the record")
    }

    mutating func put(_ from: Int, _ to: Int, number: Int64) {
        Self.check(from, to)
        precondition(number >= 0, "file numbers are unsigned")
        var value = number
        for position in stride(from: to, through: from, by: -1) {
            bytes[position - 1] = UInt8(0x30 + value % 10)
            value /= 10
        }
        precondition(value == 0, "\(number) does not fit positions \(from)-\(to)")
    }

    mutating func put(_ from: Int, _ to: Int, number: Int) {
        put(from, to, number: Int64(number))
    }

    mutating func put(_ from: Int, _ to: Int, text: String) {
        Self.check(from, to)
        let utf8 = text.utf8
        precondition(utf8.count <= to - from + 1, "\"\(text)\" does not fit positions \(from)-\(to)")
        var position = from
        for byte in utf8 {
            precondition(byte >= 0x20 && byte <= 0x7E, "file text is printable ASCII")
            bytes[position - 1] = byte
            position += 1
        }
    }

    mutating func put(_ from: Int, _ to: Int, bytes field: [UInt8]) {
        Self.check(from, to)
        precondition(field.count == to - from + 1, "field of \(field.count) bytes for positions \(from)-\(to)")
        for (i, byte) in field.enumerated() { bytes[from - 1 + i] = byte }
    }

    mutating func put(_ position: Int, byte: UInt8) {
        Self.check(position, position)
        bytes[position - 1] = byte
    }

    /// A two-implied-decimals amount field from minor units.
    mutating func putAmount(_ from: Int, _ to: Int, minor: Int64, currency: VisaCurrency) {
        put(from, to, number: VisaAmount.fieldValue(minorUnits: minor, exponent: currency.exponent))
    }

    /// MMDD, checked to read back as the same date (pair assertion).
    mutating func putMMDD(_ from: Int, _ date: VisaDate, reference: VisaDate) {
        precondition(VisaDate.inferring(month: date.month, day: date.day, notAfter: reference) == date,
                     "\(date) cannot be written as MMDD for processing date \(reference)")
        put(from, from + 3, number: date.month * 100 + date.day)
    }

    /// YDDD (`yearDigits` 1) or YYDDD (2), checked to read back as the same date.
    mutating func putJulian(_ from: Int, _ date: VisaDate, yearDigits: Int, reference: VisaDate) {
        let modulus = yearDigits == 1 ? 10 : 100
        precondition(VisaDate.inferring(yearSuffix: date.year % modulus, yearDigits: yearDigits,
                                        dayOfYear: date.dayOfYear, notAfter: reference) == date,
                     "\(date) cannot be written as a \(yearDigits)-digit-year date for \(reference)")
        put(from, from + yearDigits + 2, number: (date.year % modulus) * 1000 + date.dayOfYear)
    }

    mutating func putCCYYDDD(_ from: Int, _ date: VisaDate) {
        put(from, from + 6, number: date.year * 1000 + date.dayOfYear)
    }
}
