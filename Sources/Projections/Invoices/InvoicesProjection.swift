import LedgerDomain
import Money

/// One row per invoice (its issue fields and running paid, credited and refunded amounts), and
/// the journal of every event that changes an invoice, with its business time, for the as-of
/// queries. Refunds and chargebacks count as refunded; they do not reopen the invoice.
struct InvoicesProjection: Projection {
    struct Row { var invoiceId, sellerId, buyerId, currency: String; var total: Int64; var issueDate, dueDate: CalendarDay }
    struct Sums { var paid: Int64 = 0; var credited: Int64 = 0; var refunded: Int64 = 0 }
    /// One event's change to one invoice: its total when issued, or what it paid, credited or
    /// refunded (a reversed chargeback refunds a negative amount).
    struct JournalRow { var seq: Int64; var invoiceId: String; var effectiveAt: Int64; var total: Int64 = 0; var sums = Sums() }

    static let name = ProjectionName.invoices
    static let tables = ["proj.invoice_journal", "proj.invoices"]

    let keepJournal: Bool
    var newInvoices: [Row] = []
    var sums: [String: Sums] = [:]
    var journal: [JournalRow] = []
    var events = 0

    init(keepJournal: Bool) { self.keepJournal = keepJournal }

    mutating func add(seq: Int64, event: DomainEvent) throws {
        var row = JournalRow(seq: seq, invoiceId: "", effectiveAt: event.effectiveAt.microsecondsSinceEpoch)
        switch event {
        case .invoiceIssued(let e):
            newInvoices.append(Row(invoiceId: e.invoiceId, sellerId: e.sellerId, buyerId: e.buyerId, currency: e.currency.code,
                                   total: e.total.minorUnits, issueDate: e.issueDate, dueDate: e.dueDate))
            row.invoiceId = e.invoiceId
            row.total = e.total.minorUnits
        case .invoicePaymentApplied(let e): row.invoiceId = e.invoiceId; row.sums.paid = e.amount.minorUnits
        case .creditNoteIssued(let e): row.invoiceId = e.invoiceId; row.sums.credited = e.amount.minorUnits
        // Refunds and chargebacks are tracked as refunded; they do not reopen the invoice.
        case .paymentRefunded(let e): row.invoiceId = e.invoiceId; row.sums.refunded = e.amount.minorUnits
        case .chargebackReceived(let e): row.invoiceId = e.invoiceId; row.sums.refunded = e.amount.minorUnits
        case .chargebackReversed(let e): row.invoiceId = e.invoiceId; row.sums.refunded = -e.amount.minorUnits
        default: return
        }
        sums[row.invoiceId, default: Sums()].paid += row.sums.paid
        sums[row.invoiceId, default: Sums()].credited += row.sums.credited
        sums[row.invoiceId, default: Sums()].refunded += row.sums.refunded
        if keepJournal { journal.append(row) }
    }
}
