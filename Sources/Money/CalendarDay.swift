/// A civil date in UTC (year 1–9999), written `YYYY-MM-DD`. A range of days includes both ends
/// whole: `endOfDay` is the last microsecond of the day.
public struct CalendarDay: Hashable, Sendable, Comparable {
    public static let yearMin = 1
    public static let yearMax = 9999
    public static let microsecondsPerDay: Int64 = 86_400_000_000

    public let year: Int
    public let month: Int
    public let day: Int

    /// Validated constructor; nil for an impossible date (2026-02-30) or a year outside 1–9999.
    public init?(year: Int, month: Int, day: Int) {
        guard year >= CalendarDay.yearMin && year <= CalendarDay.yearMax, month >= 1 && month <= 12 else { return nil }
        guard day >= 1 && Int64(day) <= CivilCalendar.daysInMonth(year: Int64(year), month: Int64(month)) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day `days` after 1970-01-01 (negative for earlier days).
    public init(daysSinceEpoch days: Int64) {
        let civil = CivilCalendar.civil(daysSinceEpoch: days)
        precondition(civil.year >= Int64(CalendarDay.yearMin) && civil.year <= Int64(CalendarDay.yearMax), "day out of range")
        self.year = Int(civil.year)
        self.month = Int(civil.month)
        self.day = Int(civil.day)
    }

    /// Parses exactly `YYYY-MM-DD` (10 bytes, zero-padded, a real date).
    public init(parsing bytes: UnsafeBufferPointer<UInt8>) throws(TimeError) {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = FixedDigits.read(bytes, 0, width: 4),
              let month = FixedDigits.read(bytes, 5, width: 2),
              let day = FixedDigits.read(bytes, 8, width: 2) else {
            throw TimeError("not a date in the form YYYY-MM-DD")
        }
        guard let value = CalendarDay(year: Int(year), month: Int(month), day: Int(day)) else {
            throw TimeError("no such date")
        }
        self = value
    }

    public init(parsing text: String) throws(TimeError) {
        var copy = text
        let result: Result<CalendarDay, TimeError> = copy.withUTF8 { buffer in
            do throws(TimeError) { return .success(try CalendarDay(parsing: buffer)) } catch { return .failure(error) }
        }
        self = try result.get()
    }

    public var daysSinceEpoch: Int64 {
        CivilCalendar.daysSinceEpoch(year: Int64(year), month: Int64(month), day: Int64(day))
    }

    public func adding(days: Int64) -> CalendarDay { CalendarDay(daysSinceEpoch: daysSinceEpoch + days) }

    /// 00:00:00.000000 UTC of this day.
    public var startOfDay: Timestamp { Timestamp(microsecondsSinceEpoch: daysSinceEpoch * CalendarDay.microsecondsPerDay) }

    /// 23:59:59.999999 UTC of this day: the last instant that still belongs to it.
    public var endOfDay: Timestamp {
        Timestamp(microsecondsSinceEpoch: (daysSinceEpoch + 1) * CalendarDay.microsecondsPerDay - 1)
    }

    /// True when `instant` falls on this UTC day.
    public func contains(_ instant: Timestamp) -> Bool { instant >= startOfDay && instant <= endOfDay }

    public func appendText(to output: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { text in
            let count = writeText(into: text)
            output.append(contentsOf: UnsafeBufferPointer(rebasing: text[0..<count]))
        }
    }

    /// Writes `YYYY-MM-DD` at the start of `output` (at least 10 bytes); the count written.
    func writeText(into output: UnsafeMutableBufferPointer<UInt8>) -> Int {
        FixedDigits.write(Int64(year), width: 4, into: output, at: 0)
        output[4] = UInt8(ascii: "-")
        FixedDigits.write(Int64(month), width: 2, into: output, at: 5)
        output[7] = UInt8(ascii: "-")
        FixedDigits.write(Int64(day), width: 2, into: output, at: 8)
        return 10
    }

    /// `YYYY-MM-DD`.
    public var text: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10)
        appendText(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

extension CalendarDay: CustomStringConvertible {
    public var description: String { text }
}
