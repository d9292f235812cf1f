import LedgerDomain
import LibPQ
import Money

/// What a run of events changes in one projection, aggregated in memory and then written
/// set-based (one statement per table, the journals by binary COPY). Used per page by the runner
/// and the rebuild, and over the whole log (without the journals) by `verify`'s in-memory replay.
/// The journals keep each event's change with its business time, for the as-of queries:
/// postings for balances, amount changes for invoices.
struct PageDelta {
    struct BalanceKey: Hashable { var account: String; var currency: String }
    struct Sums { var debits: Int64 = 0; var credits: Int64 = 0 }
    struct JournalRow { var seq: Int64; var postingNo: Int32; var account: String; var currency: String; var amount: Int64; var effectiveAt: Int64 }
    struct InvoiceRow { var invoiceId, sellerId, buyerId, currency: String; var total: Int64; var issueDate, dueDate: CalendarDay }
    struct InvoiceSums { var paid: Int64 = 0; var credited: Int64 = 0; var refunded: Int64 = 0 }
    /// One event's change to one invoice: its total when issued, or what it paid, credited or
    /// refunded (a reversed chargeback refunds a negative amount).
    struct InvoiceJournalRow { var seq: Int64; var invoiceId: String; var effectiveAt: Int64; var total: Int64 = 0; var sums = InvoiceSums() }
    struct ProgramRow { var programId, currency: String; var budget: Int64 }
    struct ProgramSums { var granted: Int64 = 0; var reversed: Int64 = 0; var claimed: Int64 = 0; var funded: Int64 = 0; var grants: Int64 = 0 }
    struct MerchantKey: Hashable { var programId: String; var merchantId: String }

    let projection: ProjectionName
    let keepJournal: Bool
    var journal: [JournalRow] = []
    var balances: [BalanceKey: Sums] = [:]
    var newInvoices: [InvoiceRow] = []
    var invoiceSums: [String: InvoiceSums] = [:]
    var invoiceJournal: [InvoiceJournalRow] = []
    var newPrograms: [ProgramRow] = []
    var programSums: [String: ProgramSums] = [:]
    var merchantNet: [MerchantKey: (currency: String, net: Int64)] = [:]
    var events = 0

    init(_ projection: ProjectionName, keepJournal: Bool = true) {
        self.projection = projection
        self.keepJournal = keepJournal
    }

    /// Adds one event; postings are re-checked to balance (the pair of the check at decision).
    mutating func add(seq: Int64, event: DomainEvent) throws {
        events += 1
        switch projection {
        case .balances: try addPostings(seq: seq, event: event)
        case .invoices: addInvoice(seq: seq, event: event)
        case .subsidies: addSubsidy(event)
        }
    }

    private mutating func addPostings(seq: Int64, event: DomainEvent) throws {
        let postings = event.postings
        do { try Postings.checkBalanced(postings) } catch {
            throw ProjectionError("event at seq \(seq) (\(event.eventType)) has unbalanced postings: \(error)", projection: projection, seq: seq)
        }
        for (i, p) in postings.enumerated() {
            let key = BalanceKey(account: p.account, currency: p.currency.code)
            if p.amountMinor >= 0 { balances[key, default: Sums()].debits += p.amountMinor } else { balances[key, default: Sums()].credits -= p.amountMinor }
            if keepJournal {
                journal.append(JournalRow(seq: seq, postingNo: Int32(i), account: p.account, currency: p.currency.code,
                                          amount: p.amountMinor, effectiveAt: event.effectiveAt.microsecondsSinceEpoch))
            }
        }
    }

    private mutating func addInvoice(seq: Int64, event: DomainEvent) {
        var row = InvoiceJournalRow(seq: seq, invoiceId: "", effectiveAt: event.effectiveAt.microsecondsSinceEpoch)
        switch event {
        case .invoiceIssued(let e):
            newInvoices.append(InvoiceRow(invoiceId: e.invoiceId, sellerId: e.sellerId, buyerId: e.buyerId, currency: e.currency.code,
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
        invoiceSums[row.invoiceId, default: InvoiceSums()].paid += row.sums.paid
        invoiceSums[row.invoiceId, default: InvoiceSums()].credited += row.sums.credited
        invoiceSums[row.invoiceId, default: InvoiceSums()].refunded += row.sums.refunded
        if keepJournal { invoiceJournal.append(row) }
    }

    private mutating func addSubsidy(_ event: DomainEvent) {
        switch event {
        case .subsidyProgramLaunched(let e):
            newPrograms.append(ProgramRow(programId: e.programId, currency: e.currency.code, budget: e.budget.minorUnits))
        case .subsidyGranted(let e):
            programSums[e.programId, default: ProgramSums()].granted += e.amount.minorUnits
            programSums[e.programId, default: ProgramSums()].grants += 1
            merchantNet[MerchantKey(programId: e.programId, merchantId: e.sellerId), default: (e.amount.currency.code, 0)].net += e.amount.minorUnits
        case .subsidyReversed(let e):
            programSums[e.programId, default: ProgramSums()].reversed += e.amount.minorUnits
            merchantNet[MerchantKey(programId: e.programId, merchantId: e.sellerId), default: (e.amount.currency.code, 0)].net -= e.amount.minorUnits
        case .subsidyRestored(let e):
            // Undoes (part of) a chargeback's reversal: "reversed" is net of restorations.
            programSums[e.programId, default: ProgramSums()].reversed -= e.amount.minorUnits
            merchantNet[MerchantKey(programId: e.programId, merchantId: e.sellerId), default: (e.amount.currency.code, 0)].net += e.amount.minorUnits
        case .subsidyClaimSubmitted(let e): programSums[e.programId, default: ProgramSums()].claimed += e.amount.minorUnits
        case .subsidyFundingReceived(let e): programSums[e.programId, default: ProgramSums()].funded += e.sourceAmount.minorUnits
        default: break
        }
    }
}
