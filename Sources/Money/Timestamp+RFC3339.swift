/// RFC 3339 text for `Timestamp`.
///
/// Accepted: `YYYY-MM-DDTHH:MM:SS[.f{1,6}](Z|±HH:MM)`; "T"/"Z" may be lower case (RFC 3339 §5.6).
/// Refused: a missing offset, more than 6 fraction digits (sub-microsecond precision would be
/// silently lost), leap second 60, an offset beyond ±23:59, a year outside 0001–9999.
/// Written: `YYYY-MM-DDTHH:MM:SSZ`, or with exactly 6 fraction digits when the instant has any.
extension Timestamp {
    public static let fractionDigitsMax = 6

    public init(rfc3339 bytes: UnsafeBufferPointer<UInt8>) throws(TimeError) {
        let shape = "not an RFC 3339 time with offset (expected like \"2026-05-15T10:00:00+08:00\")"
        guard bytes.count >= 20, bytes.count <= 35 else { throw TimeError(shape) }
        let dateBytes = UnsafeBufferPointer(rebasing: bytes[0..<10])
        let day: CalendarDay
        do { day = try CalendarDay(parsing: dateBytes) } catch { throw TimeError(shape) }
        guard bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let hour = FixedDigits.read(bytes, 11, width: 2),
              let minute = FixedDigits.read(bytes, 14, width: 2),
              let second = FixedDigits.read(bytes, 17, width: 2) else { throw TimeError(shape) }
        guard hour <= 23, minute <= 59, second <= 59 else { throw TimeError("time of day out of range") }
        var index = 19
        var micros: Int64 = 0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            var digits = 0
            while index < bytes.count, let digit = FixedDigits.read(bytes, index, width: 1) {
                digits += 1
                guard digits <= Timestamp.fractionDigitsMax else {
                    throw TimeError("fraction of a second has at most \(Timestamp.fractionDigitsMax) digits")
                }
                micros = micros * 10 + digit
                index += 1
            }
            guard digits > 0 else { throw TimeError(shape) }
            for _ in digits..<Timestamp.fractionDigitsMax { micros *= 10 }
        }
        guard index < bytes.count else { throw TimeError("missing offset (add \"Z\" or one like \"+08:00\")") }
        var offsetSeconds: Int64 = 0
        let marker = bytes[index]
        if marker == UInt8(ascii: "Z") || marker == UInt8(ascii: "z") {
            index += 1
        } else if marker == UInt8(ascii: "+") || marker == UInt8(ascii: "-") {
            guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                  let offsetHours = FixedDigits.read(bytes, index + 1, width: 2),
                  let offsetMinutes = FixedDigits.read(bytes, index + 4, width: 2) else { throw TimeError(shape) }
            guard offsetHours <= 23, offsetMinutes <= 59 else { throw TimeError("offset out of range") }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (marker == UInt8(ascii: "-") ? -1 : 1)
            index += 6
        } else {
            throw TimeError(shape)
        }
        guard index == bytes.count else { throw TimeError(shape) }
        let localSeconds = day.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second
        self.init(microsecondsSinceEpoch: (localSeconds - offsetSeconds) * Timestamp.microsecondsPerSecond + micros)
    }

    public init(rfc3339 text: String) throws(TimeError) {
        var copy = text
        let result: Result<Timestamp, TimeError> = copy.withUTF8 { buffer in
            do throws(TimeError) { return .success(try Timestamp(rfc3339: buffer)) } catch { return .failure(error) }
        }
        self = try result.get()
    }

    /// Appends the UTC RFC 3339 form, e.g. `2026-05-15T02:00:00Z` (written on the stack, then
    /// appended once).
    public func appendRFC3339(to output: inout [UInt8]) {
        let days = floorDivide(microsecondsSinceEpoch, CalendarDay.microsecondsPerDay)
        let microsOfDay = microsecondsSinceEpoch - days * CalendarDay.microsecondsPerDay
        let secondsOfDay = microsOfDay / Timestamp.microsecondsPerSecond
        let fraction = microsOfDay % Timestamp.microsecondsPerSecond
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 28) { text in
            var count = CalendarDay(daysSinceEpoch: days).writeText(into: text)
            text[count] = UInt8(ascii: "T")
            FixedDigits.write(secondsOfDay / 3600, width: 2, into: text, at: count + 1)
            text[count + 3] = UInt8(ascii: ":")
            FixedDigits.write(secondsOfDay / 60 % 60, width: 2, into: text, at: count + 4)
            text[count + 6] = UInt8(ascii: ":")
            FixedDigits.write(secondsOfDay % 60, width: 2, into: text, at: count + 7)
            count += 9
            if fraction != 0 {
                text[count] = UInt8(ascii: ".")
                FixedDigits.write(fraction, width: Timestamp.fractionDigitsMax, into: text, at: count + 1)
                count += 1 + Timestamp.fractionDigitsMax
            }
            text[count] = UInt8(ascii: "Z")
            output.append(contentsOf: UnsafeBufferPointer(rebasing: text[0..<count + 1]))
        }
    }

    public var rfc3339: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(27)
        appendRFC3339(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
