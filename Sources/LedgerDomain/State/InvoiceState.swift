import Money

/// An invoice's status as decisions and the replay checks see it, from its stream alone
/// (DOMAIN.md): `issued` → `partiallyPaid` → `paid`; `overdue` when money is still open after its
/// due date, as of a day. `paid` means nothing is open, whether by payments or credit notes: all
/// a decision needs to know (no payment or credit note fits any more).
///
/// Not what operators see. `invoices` prints Projections' `InvoiceStatus`, which also tells
/// `credited` (closed by credit notes alone) and `refunded` from `paid`, using the refunds of
/// every payment; this state's `refundedMinor` is only partly known (see `InvoiceState`), so
/// those two statuses cannot be told here. Two types on purpose, named apart so that one is not
/// taken for the other.
public enum InvoiceDecisionStatus: Sendable, Hashable {
    case issued
    case partiallyPaid
    case paid
    case overdue
}

/// An invoice as folded from its stream: open = total − paid − credited. Refunds do not reopen
/// it; `refunded` is kept for reporting (it is updated from payment streams only when this
/// invoice is also loaded, so decisions never rely on it).
public struct InvoiceState: Sendable, Hashable {
    public let issued: InvoiceIssued
    public internal(set) var paidMinor: Int64 = 0
    public internal(set) var creditedMinor: Int64 = 0
    public internal(set) var refundedMinor: Int64 = 0
    public internal(set) var paymentIds: [String] = []
    public internal(set) var creditNoteIds: Set<String> = []

    init(issued: InvoiceIssued) { self.issued = issued }

    public var invoiceId: String { issued.invoiceId }
    public var sellerId: String { issued.sellerId }
    public var buyerId: String { issued.buyerId }
    public var currency: Currency { issued.currency }
    public var total: Amount { issued.total }
    public var paid: Amount { Amount(minorUnits: paidMinor, currency: currency) }
    public var credited: Amount { Amount(minorUnits: creditedMinor, currency: currency) }
    public var refunded: Amount { Amount(minorUnits: refundedMinor, currency: currency) }
    public var open: Amount { Amount(minorUnits: issued.total.minorUnits - paidMinor - creditedMinor, currency: currency) }

    /// What closed the invoice, in an operator's words, once nothing is open (nil while something
    /// is): "credited in full" (credit notes alone), "paid in full" (payments alone) or "closed by
    /// payments and credit notes". `status` calls all three `paid`; messages must not.
    public var closedBy: String? {
        guard open.isZero else { return nil }
        if paidMinor == 0 { return "credited in full" }
        if creditedMinor == 0 { return "paid in full" }
        return "closed by payments and credit notes"
    }

    /// The status on `day` (overdue when open after `dueDate`).
    public func status(asOf day: CalendarDay) -> InvoiceDecisionStatus {
        let base = status
        if base != .paid && day > issued.dueDate { return .overdue }
        return base
    }

    /// The status without regard to the due date.
    public var status: InvoiceDecisionStatus {
        if open.isZero { return .paid }
        if paidMinor > 0 || creditedMinor > 0 { return .partiallyPaid }
        return .issued
    }
}
