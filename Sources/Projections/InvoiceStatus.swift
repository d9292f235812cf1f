import Money

/// An invoice's status as of a date, derived from its amounts:
/// - `refunded`: something was paid and refunds (and chargebacks) have taken all of it back;
/// - `paid`: nothing open, something paid; `credited`: nothing open, nothing paid (credit notes);
/// - `overdue`: something open after the due date (the due date itself is not overdue);
/// - `partially_paid`: something open, something paid or credited; `issued`: nothing yet.
public enum InvoiceStatus: String, Sendable, CaseIterable {
    case issued, partiallyPaid = "partially_paid", paid, overdue, credited, refunded

    public static func of(total: Int64, paid: Int64, credited: Int64, refunded: Int64, dueDate: CalendarDay,
                          asOf: CalendarDay) -> InvoiceStatus {
        let open = total - paid - credited
        if paid > 0 && refunded >= paid { return .refunded }
        if open <= 0 { return paid > 0 ? .paid : .credited }
        if asOf > dueDate { return .overdue }
        return paid > 0 || credited > 0 ? .partiallyPaid : .issued
    }
}
