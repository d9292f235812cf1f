/// A calendar date as the settlement file carries it (no time, no zone).
public struct VisaDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        precondition(VisaDate.isValid(year: year, month: month, day: day),
                     "invalid date \(year)-\(month)-\(day)")
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date of a day of the year (1...365 or 366), or nil when the year has no such day.
    public init?(year: Int, dayOfYear: Int) {
        guard year >= 1, year <= 9999, dayOfYear >= 1,
              dayOfYear <= (VisaDate.isLeap(year) ? 366 : 365) else { return nil }
        var remaining = dayOfYear
        var month = 1
        while remaining > VisaDate.daysIn(year: year, month: month) {
            remaining -= VisaDate.daysIn(year: year, month: month)
            month += 1
        }
        self.year = year
        self.month = month
        self.day = remaining
    }

    /// Day of the year, 1-based.
    public var dayOfYear: Int {
        var total = day
        for m in 1..<month { total += VisaDate.daysIn(year: year, month: m) }
        return total
    }

    /// "YYYY-MM-DD".
    public var description: String {
        let y = String(year), m = month < 10 ? "0\(month)" : "\(month)", d = day < 10 ? "0\(day)" : "\(day)"
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + m + "-" + d
    }

    public static func < (a: VisaDate, b: VisaDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1
            && day <= daysIn(year: year, month: month)
    }
}
