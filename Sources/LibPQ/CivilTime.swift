/// Civil (proleptic Gregorian) time for the text form of timestamptz, UTC only.
///
/// Deliberately not Money's `CivilCalendar` (the same Hinnant algorithms): LibPQ is the C
/// boundary and depends on libpq alone, so that the wire codec has no domain module beneath it.
/// The value round trips in text format (LibPQTests) pin this copy against the server's rendering.
enum CivilTime {
    static func daysFromCivil(_ y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func format(_ t: PGTimestamp) -> String {
        let us = t.microsecondsSinceUnixEpoch
        let micros = ((us % 1_000_000) + 1_000_000) % 1_000_000
        let secs = (us - micros) / 1_000_000
        let days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400
        let sod = secs - days * 86400
        let (y, m, d) = civilFromDays(days)
        func pad(_ v: Int64, _ w: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2)) \(pad(sod / 3600, 2)):\(pad(sod / 60 % 60, 2)):\(pad(sod % 60, 2)).\(pad(micros, 6))+00"
    }

    /// Parses PostgreSQL's ISO output: `YYYY-MM-DD HH:MM:SS[.ffffff]±HH[:MM]`.
    static func parse(_ s: String) -> PGTimestamp? {
        let u = Array(s.utf8)
        func num(_ r: Range<Int>) -> Int64? {
            guard r.upperBound <= u.count else { return nil }
            var v: Int64 = 0
            for i in r { guard u[i] >= 48 && u[i] <= 57 else { return nil }; v = v * 10 + Int64(u[i] - 48) }
            return v
        }
        guard u.count >= 22, let y = num(0..<4), let mo = num(5..<7), let d = num(8..<10),
              let h = num(11..<13), let mi = num(14..<16), let se = num(17..<19) else { return nil }
        var i = 19
        var micros: Int64 = 0
        if i < u.count && u[i] == UInt8(ascii: ".") {
            i += 1
            var digits = 0
            while i < u.count, u[i] >= 48, u[i] <= 57 {
                if digits < 6 { micros = micros * 10 + Int64(u[i] - 48); digits += 1 }
                i += 1
            }
            while digits < 6 { micros *= 10; digits += 1 }
        }
        guard i + 3 <= u.count else { return nil }
        let sign: Int64 = u[i] == UInt8(ascii: "-") ? -1 : 1
        guard let oh = num(i + 1..<i + 3) else { return nil }
        var om: Int64 = 0
        if i + 6 <= u.count, u[i + 3] == UInt8(ascii: ":"), let m = num(i + 4..<i + 6) { om = m }
        let days = daysFromCivil(y, mo, d)
        let secs = days * 86400 + h * 3600 + mi * 60 + se - sign * (oh * 3600 + om * 60)
        return PGTimestamp(microsecondsSinceUnixEpoch: secs * 1_000_000 + micros)
    }
}
