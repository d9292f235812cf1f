import Money

/// A card's expiry month, written `MM/YY` (years 2000–2099). The card is valid through the last
/// instant of that month, UTC.
public struct CardExpiry: Hashable, Sendable {
    public let month: Int
    public let year: Int

    public init?(month: Int, year: Int) {
        guard (1...12).contains(month), (2000...2099).contains(year) else { return nil }
        self.month = month
        self.year = year
    }

    public init?(text: String) {
        let utf8 = Array(text.utf8)
        guard utf8.count == 5, utf8[2] == UInt8(ascii: "/"),
              utf8.enumerated().allSatisfy({ $0.offset == 2 || $0.element &- UInt8(ascii: "0") <= 9 }) else { return nil }
        let month = Int(utf8[0] - 48) * 10 + Int(utf8[1] - 48)
        let year = 2000 + Int(utf8[3] - 48) * 10 + Int(utf8[4] - 48)
        self.init(month: month, year: year)
    }

    /// `MM/YY`.
    public var text: String {
        let mm = month < 10 ? "0\(month)" : "\(month)"
        let yy = year % 100 < 10 ? "0\(year % 100)" : "\(year % 100)"
        return "\(mm)/\(yy)"
    }

    /// The last instant the card is valid.
    public var endOfValidity: Timestamp {
        let nextMonth = month == 12 ? CalendarDay(year: year + 1, month: 1, day: 1)! : CalendarDay(year: year, month: month + 1, day: 1)!
        return nextMonth.startOfDay.adding(microseconds: -1)
    }
}
