import Testing
@testable import Money

@Suite struct TimeTests {
    @Test func parsesRFC3339WithOffsets() throws {
        let utc = try Timestamp(rfc3339: "2026-05-15T02:00:00Z")
        #expect(try Timestamp(rfc3339: "2026-05-15T10:00:00+08:00") == utc)
        #expect(try Timestamp(rfc3339: "2026-05-14T21:00:00-05:00") == utc)
        #expect(try Timestamp(rfc3339: "2026-05-15t02:00:00z") == utc)
        #expect(utc.microsecondsSinceEpoch == 1_778_810_400_000_000)
        #expect(try Timestamp(rfc3339: "1970-01-01T00:00:00.000001Z").microsecondsSinceEpoch == 1)
        #expect(try Timestamp(rfc3339: "1970-01-01T00:00:00.5Z").microsecondsSinceEpoch == 500_000)
        #expect(try Timestamp(rfc3339: "1969-12-31T23:59:59.999999Z").microsecondsSinceEpoch == -1)
    }

    @Test(arguments: ["2026-05-15T10:00:00", "2026-05-15 10:00:00Z", "2026-05-15T10:00:00.1234567Z",
                      "2026-05-15T24:00:00Z", "2026-05-15T10:60:00Z", "2026-05-15T10:00:60Z",
                      "2026-02-30T10:00:00Z", "2026-05-15T10:00:00+24:00", "2026-05-15T10:00:00+0800",
                      "2026-05-15T10:00Z", "2026-5-15T10:00:00Z", "2026-05-15T10:00:00.Z", "", "0000-01-01T00:00:00Z",
                      "2026-05-15T10:00:00Zjunk"])
    func refusesMalformedTimes(_ text: String) {
        #expect(throws: TimeError.self) { try Timestamp(rfc3339: text) }
    }

    @Test func formatsUTCWithZ() throws {
        #expect(try Timestamp(rfc3339: "2026-05-15T10:00:00+08:00").rfc3339 == "2026-05-15T02:00:00Z")
        #expect(Timestamp(microsecondsSinceEpoch: 1).rfc3339 == "1970-01-01T00:00:00.000001Z")
        #expect(Timestamp(microsecondsSinceEpoch: -1).rfc3339 == "1969-12-31T23:59:59.999999Z")
    }

    @Test func rfc3339RoundTripsOnRandomInstants() throws {
        var random = SplitMix64(seed: 7)
        let low = try Timestamp(rfc3339: "0001-01-01T00:00:00Z").microsecondsSinceEpoch
        let high = try Timestamp(rfc3339: "9999-12-31T23:59:59.999999Z").microsecondsSinceEpoch
        for _ in 0..<20_000 {
            let micros = low + Int64(random.next() % UInt64(high - low + 1))
            let instant = Timestamp(microsecondsSinceEpoch: micros)
            #expect(try Timestamp(rfc3339: instant.rfc3339) == instant)
        }
    }

    @Test func calendarDaysParseStrictly() throws {
        let day = try CalendarDay(parsing: "2024-02-29")
        #expect(day.year == 2024 && day.month == 2 && day.day == 29)
        for bad in ["2023-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "26-01-01", "2026/01/01", "2026-01-01 ",
                    "0000-01-01", "2026-04-31", ""] {
            #expect(throws: TimeError.self, "\(bad)") { try CalendarDay(parsing: bad) }
        }
    }

    @Test func calendarDaysCountFromTheEpochAndAddAcrossMonthsAndYears() throws {
        let epoch = try CalendarDay(parsing: "1970-01-01")
        #expect(epoch.daysSinceEpoch == 0)
        #expect(try CalendarDay(parsing: "2000-03-01").daysSinceEpoch == 11_017)
        #expect(epoch.adding(days: -1).text == "1969-12-31")
        #expect(try CalendarDay(parsing: "2024-02-28").adding(days: 1).text == "2024-02-29")
        #expect(try CalendarDay(parsing: "2024-12-31").adding(days: 1).text == "2025-01-01")
        let day = try CalendarDay(parsing: "2026-05-15")
        #expect(day.startOfDay.rfc3339 == "2026-05-15T00:00:00Z")
        #expect(day.endOfDay.rfc3339 == "2026-05-15T23:59:59.999999Z")
        #expect(day.contains(try Timestamp(rfc3339: "2026-05-16T07:59:59+08:00")))
        #expect(!day.contains(try Timestamp(rfc3339: "2026-05-16T08:00:00+08:00")))
        #expect(try Timestamp(rfc3339: "2026-05-16T07:00:00+08:00").calendarDay == day)
        #expect(epoch < day)
    }

    @Test func daysRoundTripOverTheWholeRange() throws {
        let first = try CalendarDay(parsing: "0001-01-01").daysSinceEpoch
        let last = try CalendarDay(parsing: "9999-12-31").daysSinceEpoch
        var previous: CalendarDay? = nil
        var days = first
        while days <= last {
            let day = CalendarDay(daysSinceEpoch: days)
            #expect(day.daysSinceEpoch == days)
            if let previous { #expect(previous < day) }
            #expect(try CalendarDay(parsing: day.text) == day)
            previous = day
            days += 97
        }
    }
}
