import Money

/// An invoice's status as of a date, derived from its amounts as of that date. The open amount
/// is total − paid − credited (DOMAIN.md: refunds and chargebacks do not reopen an invoice; they
/// are tracked as refunded). In this order:
/// - `overdue`: something open after the due date (the due date itself is not overdue), also
///   when every payment was refunded: the part never paid is owed, whatever came back;
/// - `refunded`: something was paid and refunds (and chargebacks) have taken all of it back;
/// - `paid`: nothing open, something paid; `credited`: nothing open, nothing paid (credit notes);
/// - `partially_paid`: something open, something paid or credited; `issued`: nothing yet.
/// So an invoice paid in full and then refunded in full stays `refunded` after its due date
/// (nothing is open), while one paid in part and refunded is `overdue` once past due.
///
/// This is the status operators see (`invoices`, its `--status` filter and JSON). LedgerDomain's
/// `InvoiceDecisionStatus` is the coarser one decisions use, where `paid` means only "nothing
/// open" (a credited-only invoice is `paid` there, `credited` here).
public enum InvoiceStatus: String, Sendable, CaseIterable {
    case issued, partiallyPaid = "partially_paid", paid, overdue, credited, refunded

    public static func of(total: Int64, paid: Int64, credited: Int64, refunded: Int64, dueDate: CalendarDay,
                          asOf: CalendarDay) -> InvoiceStatus {
        let open = total - paid - credited
        if open > 0 && asOf > dueDate { return .overdue }
        if paid > 0 && refunded >= paid { return .refunded }
        if open <= 0 { return paid > 0 ? .paid : .credited }
        return paid > 0 || credited > 0 ? .partiallyPaid : .issued
    }
}
