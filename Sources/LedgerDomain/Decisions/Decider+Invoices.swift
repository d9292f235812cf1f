import Money

extension Decider {
    mutating func issueInvoice(_ command: IssueInvoice) -> Decision {
        let stream = StreamID.invoice(command.invoiceId)
        read(stream)
        read(StreamID.party(command.sellerId))
        read(StreamID.party(command.buyerId))
        if let needs { return needs }
        if state.version(of: stream) > 0 || state.invoices[command.invoiceId] != nil {
            return reject(CommandRejection.alreadyExists, "invoiceId", value: command.invoiceId, "an invoice with this id already exists")
        }
        if case .failure(let rejected) = party(command.sellerId, role: .seller, field: "sellerId") { return rejected.decision }
        if case .failure(let rejected) = party(command.buyerId, role: .buyer, field: "buyerId") { return rejected.decision }
        guard let total = command.total else {
            return reject(CommandRejection.amountOverflow, "lines",
                          "the invoice total (Σ quantity × unitPrice) exceeds the largest \(command.currency) amount")
        }
        guard total.isPositive else { return reject(CommandRejection.invalidField, "lines", "the invoice total must be greater than zero") }
        return accept([.invoiceIssued(InvoiceIssued(
            invoiceId: command.invoiceId, sellerId: command.sellerId, buyerId: command.buyerId, currency: command.currency,
            lines: command.lines, total: total, issueDate: command.issueDate, dueDate: command.dueDate, effectiveAt: at))])
    }

    mutating func issueCreditNote(_ command: IssueCreditNote) -> Decision {
        read(StreamID.invoice(command.invoiceId))
        if let needs { return needs }
        guard let invoice = state.invoices[command.invoiceId] else {
            return reject(CommandRejection.notFound, "invoiceId", value: command.invoiceId, "no such invoice")
        }
        if invoice.creditNoteIds.contains(command.creditNoteId) {
            return reject(CommandRejection.alreadyExists, "creditNoteId", value: command.creditNoteId,
                          "this credit note was already issued on the invoice")
        }
        let amount: Amount
        switch resolve(command.amount, given: command.currency, in: invoice.currency, field: "amount", owner: "the invoice") {
        case .success(let value): amount = value
        case .failure(let rejected): return rejected.decision
        }
        guard amount <= invoice.open else {
            return reject(CommandRejection.exceedsOpenAmount, "amount", value: command.amount.text,
                          "exceeds the invoice's open amount \(invoice.open.decimalString) \(invoice.currency)")
        }
        return accept([.creditNoteIssued(CreditNoteIssued(
            creditNoteId: command.creditNoteId, invoiceId: invoice.invoiceId, sellerId: invoice.sellerId, buyerId: invoice.buyerId,
            amount: amount, reason: command.reason, effectiveAt: at))])
    }
}
