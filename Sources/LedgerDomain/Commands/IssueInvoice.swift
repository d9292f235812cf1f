import Money

/// Issues an invoice from a seller to a buyer. The total is Σ quantity × unitPrice, exact; a total
/// beyond `Int64` minor units is rejected (`amount_overflow`), and a total of zero is refused.
public struct IssueInvoice: Sendable, Hashable {
    public static let typeName = "IssueInvoice"
    public static let linesMax = 1_000

    public var invoiceId: String
    public var sellerId: String
    public var buyerId: String
    public var currency: Currency
    public var lines: [InvoiceLine]
    public var issueDate: CalendarDay
    public var dueDate: CalendarDay

    public init(invoiceId: String, sellerId: String, buyerId: String, currency: Currency, lines: [InvoiceLine],
                issueDate: CalendarDay, dueDate: CalendarDay) {
        self.invoiceId = invoiceId
        self.sellerId = sellerId
        self.buyerId = buyerId
        self.currency = currency
        self.lines = lines
        self.issueDate = issueDate
        self.dueDate = dueDate
    }

    init(from reader: inout FieldReader) throws(FieldProblem) {
        invoiceId = try reader.id("invoiceId")
        sellerId = try reader.id("sellerId")
        buyerId = try reader.id("buyerId")
        guard sellerId != buyerId else { throw reader.invalid("buyerId", value: buyerId, "must differ from sellerId") }
        currency = try reader.currency("currency")
        var lineReaders = try reader.objectArray("lines", countMax: IssueInvoice.linesMax)
        guard !lineReaders.isEmpty else { throw reader.invalid("lines", "must have at least one line") }
        var lines: [InvoiceLine] = []
        lines.reserveCapacity(lineReaders.count)
        for index in lineReaders.indices {
            let description = try lineReaders[index].freeText("description", bytesMax: InvoiceLine.descriptionBytesMax)
            let quantity = try lineReaders[index].int("quantity", range: 1...InvoiceLine.quantityMax)
            let unitPrice = try lineReaders[index].amount("unitPrice", currency: currency, sign: .nonNegative)
            try lineReaders[index].finish()
            lines.append(InvoiceLine(description: description, quantity: quantity, unitPrice: unitPrice))
        }
        self.lines = lines
        issueDate = try reader.day("issueDate")
        dueDate = try reader.day("dueDate")
        guard issueDate <= dueDate else {
            throw reader.invalid("dueDate", value: dueDate.text, "must not be before issueDate \(issueDate.text)")
        }
    }

    /// Σ quantity × unitPrice, or nil when it does not fit `Int64` minor units.
    public var total: Amount? {
        var sum = Amount.zero(currency)
        for line in lines {
            guard let lineTotal = try? line.unitPrice.multiplied(by: line.quantity),
                  let next = try? sum.adding(lineTotal) else { return nil }
            sum = next
        }
        return sum
    }

    func addMembers(to builder: inout JSONObjectBuilder) {
        builder.add("invoiceId", invoiceId)
        builder.add("sellerId", sellerId)
        builder.add("buyerId", buyerId)
        builder.add("currency", currency)
        builder.add("lines", .array(lines.map { line in
            var lineBuilder = JSONObjectBuilder()
            lineBuilder.add("description", line.description)
            lineBuilder.add("quantity", line.quantity)
            lineBuilder.add("unitPrice", line.unitPrice)
            return lineBuilder.value
        }))
        builder.add("issueDate", issueDate)
        builder.add("dueDate", dueDate)
    }
}
