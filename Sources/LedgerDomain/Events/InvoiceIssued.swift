import Money

/// Postings: Dr buyer/{buyer}/receivable total; Cr merchant/{seller}/pending total.
public struct InvoiceIssued: DecodableLedgerEvent {
    public static let eventType = "InvoiceIssued"
    public static let schemaVersion = 1

    public var invoiceId: String
    public var sellerId: String
    public var buyerId: String
    public var currency: Currency
    public var lines: [InvoiceLine]
    public var total: Amount
    public var issueDate: CalendarDay
    public var dueDate: CalendarDay
    public var effectiveAt: Timestamp
    public let postings: [Posting]

    public init(invoiceId: String, sellerId: String, buyerId: String, currency: Currency, lines: [InvoiceLine],
                total: Amount, issueDate: CalendarDay, dueDate: CalendarDay, effectiveAt: Timestamp) {
        precondition(total.currency == currency, "invoice total in another currency")
        self.invoiceId = invoiceId
        self.sellerId = sellerId
        self.buyerId = buyerId
        self.currency = currency
        self.lines = lines
        self.total = total
        self.issueDate = issueDate
        self.dueDate = dueDate
        self.effectiveAt = effectiveAt
        var list = PostingList()
        list.debit(Account.buyerReceivable(buyerId), total)
        list.credit(Account.merchantPending(sellerId), total)
        self.postings = list.postings
    }

    public var streamId: String { StreamID.invoice(invoiceId) }

    public func writeFields(to writer: inout CanonicalJSONWriter) {
        writer.field("buyerId", buyerId)
        writer.field("currency", currency)
        writer.field("dueDate", dueDate)
        writer.field("effectiveAt", effectiveAt)
        writer.field("invoiceId", invoiceId)
        writer.field("issueDate", issueDate)
        writer.key("lines")
        writer.beginArray()
        for line in lines {
            writer.beginObject()
            writer.field("description", line.description)
            writer.field("quantity", line.quantity)
            writer.field("unitPrice", line.unitPrice)
            writer.endObject()
        }
        writer.endArray()
        Postings.write(postings, to: &writer)
        writer.field("sellerId", sellerId)
        writer.field("total", total)
    }

    init(reading reader: inout FieldReader) throws(FieldProblem) {
        let currency = try reader.currency("currency")
        var lineReaders = try reader.objectArray("lines", countMax: IssueInvoice.linesMax)
        var lines: [InvoiceLine] = []
        for index in lineReaders.indices {
            lines.append(InvoiceLine(description: try lineReaders[index].string("description"),
                                     quantity: try lineReaders[index].int("quantity", range: 1...InvoiceLine.quantityMax),
                                     unitPrice: try lineReaders[index].amount("unitPrice", currency: currency, sign: .nonNegative)))
            try lineReaders[index].finish()
        }
        self.init(invoiceId: try reader.id("invoiceId"), sellerId: try reader.id("sellerId"), buyerId: try reader.id("buyerId"),
                  currency: currency, lines: lines, total: try reader.amount("total", currency: currency, sign: .positive),
                  issueDate: try reader.day("issueDate"), dueDate: try reader.day("dueDate"),
                  effectiveAt: try reader.timestamp("effectiveAt"))
        reader.derivedPostings()
    }
}
