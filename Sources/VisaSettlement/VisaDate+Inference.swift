/// Year inference for the short dates of the file (VISA-FILE.md, "Amount conventions"): a date
/// without its decade or year is the latest such date not after the file's processing date.
extension VisaDate {
    /// MMDD: the latest date with this month and day not after `reference`.
    public static func inferring(month: Int, day: Int, notAfter reference: VisaDate) -> VisaDate? {
        guard month >= 1, month <= 12, day >= 1, day <= 31 else { return nil }
        var year = reference.year
        if (month, day) > (reference.month, reference.day) { year -= 1 }
        for _ in 0..<VisaLimits.yearInferenceYearsMax {
            guard year >= 1 else { return nil }
            if isValid(year: year, month: month, day: day) {
                return VisaDate(year: year, month: month, day: day)
            }
            year -= 1
        }
        return nil
    }

    /// YDDD (`yearDigits` = 1) or YYDDD (`yearDigits` = 2): the latest date whose year ends in
    /// `yearSuffix` with this day of the year, not after `reference`.
    public static func inferring(yearSuffix: Int, yearDigits: Int, dayOfYear: Int,
                                 notAfter reference: VisaDate) -> VisaDate? {
        precondition(yearDigits == 1 || yearDigits == 2, "yearDigits is 1 or 2")
        let modulus = yearDigits == 1 ? 10 : 100
        guard yearSuffix >= 0, yearSuffix < modulus, dayOfYear >= 1, dayOfYear <= 366 else { return nil }
        var year = reference.year - ((reference.year - yearSuffix) % modulus + modulus) % modulus
        var steps = 0
        while year >= 1, steps * modulus < VisaLimits.yearInferenceYearsMax {
            if let date = VisaDate(year: year, dayOfYear: dayOfYear), date <= reference { return date }
            year -= modulus
            steps += 1
        }
        return nil
    }
}
