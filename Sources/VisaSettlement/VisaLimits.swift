/// Limits and fixed sizes of the BASE II profile (VISA-FILE.md). Every bound the reader, writer and
/// fuzzer rely on is named here.
public enum VisaLimits {
    /// Every TCR is 168 bytes.
    public static let recordBytes = 168
    /// The reader collects at most this many errors, then stops reading.
    public static let errorsMax = 100
    /// Hash totals are 15-digit fields; sums are kept modulo 10^15 (a file of more than ~1000
    /// maximal amounts would otherwise not fit).
    public static let hashTotalModulus: Int64 = 1_000_000_000_000_000
    /// A 12-digit amount field's largest value.
    public static let amount12Max: Int64 = 999_999_999_999
    /// A 15-digit field's largest value.
    public static let amount15Max: Int64 = 999_999_999_999_999
    /// Years searched backwards when inferring the year of a YDDD / MMDD / YYDDD date.
    public static let yearInferenceYearsMax = 400
}
