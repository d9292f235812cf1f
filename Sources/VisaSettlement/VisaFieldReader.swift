/// Reads the fields of one 168-byte record in place, collecting what is wrong with them.
///
/// Positions are 1-based and inclusive, as VISA-FILE.md writes them. A failed field logs one
/// error and returns a placeholder (0, "", nil); the caller checks `ok` before keeping the record.
/// Nothing here allocates unless a text field is kept or an error is logged.
struct VisaFieldReader {
    let base: UnsafePointer<UInt8>
    /// 1-based record number.
    let record: Int
    /// The date short dates are inferred against (the processing date).
    let reference: VisaDate
    private(set) var errors: [VisaFileError] = []

    init(base: UnsafePointer<UInt8>, record: Int, reference: VisaDate) {
        self.base = base
        self.record = record
        self.reference = reference
    }

    var ok: Bool { errors.isEmpty }

    static func positions(_ from: Int, _ to: Int) -> String { from == to ? "\(from)" : "\(from)-\(to)" }

    mutating func fail(_ from: Int, _ to: Int, _ field: String, _ message: String) {
        errors.append(VisaFileError(record: record, positions: Self.positions(from, to), field: field,
                                    message: message))
    }

    @inline(__always)
    func byte(_ position: Int) -> UInt8 {
        precondition(position >= 1 && position <= VisaLimits.recordBytes, "position out of the record")
        return base[position - 1]
    }

    @inline(__always)
    func bytes(_ from: Int, _ to: Int) -> UnsafeBufferPointer<UInt8> {
        precondition(from >= 1 && from <= to && to <= VisaLimits.recordBytes, "positions out of the record")
        return UnsafeBufferPointer(start: base + (from - 1), count: to - from + 1)
    }

    func matches(_ from: Int, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        let field = bytes(from, from + count - 1)
        return literal.withUTF8Buffer { field.elementsEqual($0) }
    }

    /// The unsigned number in digits `from`...`to`, or nil (the error logged).
    mutating func number(_ from: Int, _ to: Int, _ field: String) -> Int64? {
        precondition(to - from < 18, "a field of at most 18 digits fits Int64")
        var value: Int64 = 0
        for byte in bytes(from, to) {
            let digit = byte &- 0x30
            guard digit < 10 else {
                fail(from, to, field, "\(to - from + 1) digits")
                return nil
            }
            value = value &* 10 &+ Int64(digit)
        }
        return value
    }

    /// Digits kept as text (BINs, ids, codes), or "" (the error logged).
    mutating func digits(_ from: Int, _ to: Int, _ field: String) -> String {
        let field_ = bytes(from, to)
        guard field_.allSatisfy({ $0 &- 0x30 < 10 }) else {
            fail(from, to, field, "\(to - from + 1) digits")
            return ""
        }
        return String(decoding: field_, as: UTF8.self)
    }

    /// Printable ASCII text with trailing spaces removed, or "" (the error logged).
    mutating func text(_ from: Int, _ to: Int, _ field: String) -> String {
        let field_ = bytes(from, to)
        var end = field_.count
        for byte in field_ where byte < 0x20 || byte > 0x7E {
            fail(from, to, field, "printable ASCII text")
            return ""
        }
        while end > 0, field_[end - 1] == 0x20 { end -= 1 }
        return end == 0 ? "" : String(decoding: UnsafeBufferPointer(rebasing: field_[0..<end]), as: UTF8.self)
    }

    /// Digits, or all spaces (""), kept as text; e.g. a reason code that only chargebacks carry.
    mutating func optionalDigits(_ from: Int, _ to: Int, _ field: String) -> String {
        let field_ = bytes(from, to)
        if field_.allSatisfy({ $0 == 0x20 }) { return "" }
        return digits(from, to, field)
    }

    /// One digit.
    mutating func digit(_ position: Int, _ field: String) -> Int {
        Int(number(position, position, field) ?? 0)
    }

    /// A known ISO 4217 numeric currency code, or nil (the error logged).
    mutating func currency(_ from: Int, _ to: Int, _ field: String) -> VisaCurrency? {
        guard let code = number(from, to, field) else { return nil }
        guard let currency = VisaCurrency.find(numeric: Int(code)) else {
            fail(from, to, field, "a known ISO 4217 numeric currency code")
            return nil
        }
        return currency
    }

    /// A 12-digit amount with two implied decimals, converted to minor units of `currency`
    /// (skipped when the currency failed).
    mutating func fieldAmount(_ from: Int, _ to: Int, _ field: String, raw: Int64?,
                              currency: VisaCurrency?) -> Int64 {
        guard let raw, let currency else { return 0 }
        guard let minor = VisaAmount.minorUnits(fieldValue: raw, exponent: currency.exponent) else {
            fail(from, to, field, currency.exponent < VisaAmount.fieldDecimals
                ? "an amount ending in \"00\": \(currency.code) has no minor unit"
                : "an amount whose minor units of \(currency.code) fit 64 bits")
            return 0
        }
        return minor
    }

    /// MMDD, year inferred (the latest such date not after the reference).
    mutating func dateMMDD(_ from: Int, _ field: String) -> VisaDate {
        guard let mmdd = number(from, from + 3, field) else { return reference }
        guard let date = VisaDate.inferring(month: Int(mmdd / 100), day: Int(mmdd % 100), notAfter: reference) else {
            fail(from, from + 3, field, "a date MMDD")
            return reference
        }
        return date
    }

    /// YDDD (`yearDigits` 1) or YYDDD (2), year inferred.
    mutating func dateJulian(_ from: Int, yearDigits: Int, _ field: String) -> VisaDate {
        let to = from + yearDigits + 2
        guard let value = number(from, to, field) else { return reference }
        guard let date = VisaDate.inferring(yearSuffix: Int(value / 1000), yearDigits: yearDigits,
                                            dayOfYear: Int(value % 1000), notAfter: reference) else {
            fail(from, to, field, yearDigits == 1 ? "a date YDDD" : "a date YYDDD")
            return reference
        }
        return date
    }

    /// CCYYDDD.
    mutating func dateCCYYDDD(_ from: Int, _ field: String) -> VisaDate {
        guard let value = number(from, from + 6, field) else { return reference }
        guard let date = VisaDate(year: Int(value / 1000), dayOfYear: Int(value % 1000)) else {
            fail(from, from + 6, field, "a date CCYYDDD")
            return reference
        }
        return date
    }
}
