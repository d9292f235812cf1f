import Money

/// The dates and times operators type on the command line, parsed into the values the services
/// take, each refusal a usage error naming the option (the CLI names no Money type).
public enum CommandArguments {
    /// `period close --through`: a day, YYYY-MM-DD.
    public static func closingDay(_ text: String) throws(AppError) -> CalendarDay {
        do { return try CalendarDay(parsing: text) } catch {
            throw AppError.usage("--through \(text): \(error.message) (expected YYYY-MM-DD)")
        }
    }

    /// `settle --date`: a day, YYYY-MM-DD.
    public static func settlementDay(_ text: String) throws(AppError) -> CalendarDay {
        do { return try CalendarDay(parsing: text) } catch { throw AppError.usage("--date \(text): \(error)") }
    }

    /// `invoices --as-of`, `invoice --as-of`: a day, YYYY-MM-DD; nil when not given, for the
    /// service to take the database clock's day (UTC), never the machine's.
    public static func asOfDay(_ text: String?, option: String = "--as-of") throws(AppError) -> CalendarDay? {
        guard let text else { return nil }
        do { return try CalendarDay(parsing: text) } catch { throw AppError.usage("\(option) \"\(text)\": expected YYYY-MM-DD") }
    }

    /// `balances --as-of`: an RFC 3339 time with offset; nil (now) when not given.
    public static func asOfTime(_ text: String?) throws(AppError) -> Timestamp? {
        guard let text else { return nil }
        do { return try Timestamp(rfc3339: text) } catch {
            throw AppError.usage("--as-of \"\(text)\": expected an RFC 3339 time with offset (\(error))")
        }
    }
}
