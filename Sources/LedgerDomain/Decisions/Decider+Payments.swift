import Money

extension Decider {
    /// Capture: `PaymentCaptured` on the payment stream (expected 0), `InvoicePaymentApplied` on
    /// the invoice stream (guards the open amount), and `SubsidyGranted` on the chosen
    /// programme's stream (guards its budget). Reads every subsidy programme, and relies on what
    /// it did not write: the programme set (a programme launched meanwhile could be the earlier
    /// eligible one) and every eligible programme passed over for an empty budget (a reversal
    /// meanwhile could have refilled it) are guards, expected unchanged at the append.
    mutating func captureCardPayment(_ command: CaptureCardPayment) -> Decision {
        let paymentStream = StreamID.payment(command.paymentId)
        read(paymentStream)
        read(StreamID.invoice(command.invoiceId))
        read(StreamID.card(command.bindingId))
        guardRead(StreamID.programs)
        readAll(ofType: StreamID.subsidyType)
        if let needs { return needs }
        if state.version(of: paymentStream) > 0 || state.payments[command.paymentId] != nil {
            return reject(CommandRejection.alreadyExists, "paymentId", value: command.paymentId, "a payment with this id already exists")
        }
        guard let invoice = state.invoices[command.invoiceId] else {
            return reject(CommandRejection.notFound, "invoiceId", value: command.invoiceId, "no such invoice")
        }
        guard let card = state.cards[command.bindingId] else {
            return reject(CommandRejection.notFound, "bindingId", value: command.bindingId, "no such card binding")
        }
        read(StreamID.party(invoice.sellerId))
        read(StreamID.party(invoice.buyerId))
        if let needs { return needs }
        guard card.partyId == invoice.buyerId else {
            return reject(CommandRejection.bindingMismatch, "bindingId", value: command.bindingId,
                          "the card belongs to \(card.partyId), not to the invoice's buyer \(invoice.buyerId)")
        }
        guard at <= card.expiry.endOfValidity else {
            return reject(CommandRejection.invalidState, "bindingId", value: command.bindingId, "the bound card expired \(card.expiry.text)")
        }
        if let rejection = checkCollectible(command.amount, invoice: invoice) { return rejection }
        guard let seller = state.parties[invoice.sellerId], let buyer = state.parties[invoice.buyerId] else {
            return reject(CommandRejection.notFound, "invoiceId", value: command.invoiceId, "the invoice's seller or buyer is not registered")
        }
        let commission = command.amount.percentage(bps: seller.commissionBps ?? 0, rounding: .halfEven)
        let choice = SubsidyRules.choose(amount: command.amount, at: at, buyerCountry: buyer.country, sellerKind: seller.kind,
                                         programsInLaunchOrder: state.programsInLaunchOrder)
        for programId in choice.exhausted { guardRead(StreamID.subsidy(programId)) }
        let grant = choice.grant
        var events: [DomainEvent] = [
            .paymentCaptured(PaymentCaptured(
                paymentId: command.paymentId, invoiceId: invoice.invoiceId, bindingId: command.bindingId, buyerId: invoice.buyerId,
                sellerId: invoice.sellerId, amount: command.amount, commission: commission, arn: command.arn,
                authCode: command.authCode, visaTransactionId: command.visaTransactionId, tokenRef: card.tokenRef,
                subsidyProgramId: grant?.programId, subsidy: grant?.amount, effectiveAt: at)),
            .invoicePaymentApplied(InvoicePaymentApplied(
                invoiceId: invoice.invoiceId, paymentId: command.paymentId, amount: command.amount, method: .card, effectiveAt: at)),
        ]
        if let grant {
            events.append(.subsidyGranted(SubsidyGranted(
                programId: grant.programId, paymentId: command.paymentId, sellerId: invoice.sellerId, amount: grant.amount,
                effectiveAt: at)))
        }
        return accept(events)
    }

    /// Bank transfer: `PaymentReceived` on the payment stream, `InvoicePaymentApplied` on the
    /// invoice stream. Never subsidised.
    mutating func recordBankTransfer(_ command: RecordBankTransfer) -> Decision {
        let paymentStream = StreamID.payment(command.paymentId)
        read(paymentStream)
        read(StreamID.invoice(command.invoiceId))
        if let needs { return needs }
        if state.version(of: paymentStream) > 0 || state.payments[command.paymentId] != nil {
            return reject(CommandRejection.alreadyExists, "paymentId", value: command.paymentId, "a payment with this id already exists")
        }
        guard let invoice = state.invoices[command.invoiceId] else {
            return reject(CommandRejection.notFound, "invoiceId", value: command.invoiceId, "no such invoice")
        }
        read(StreamID.party(invoice.sellerId))
        if let needs { return needs }
        if let rejection = checkCollectible(command.amount, invoice: invoice) { return rejection }
        guard let seller = state.parties[invoice.sellerId] else {
            return reject(CommandRejection.notFound, "invoiceId", value: command.invoiceId, "the invoice's seller is not registered")
        }
        let commission = command.amount.percentage(bps: seller.commissionBps ?? 0, rounding: .halfEven)
        return accept([
            .paymentReceived(PaymentReceived(
                paymentId: command.paymentId, invoiceId: invoice.invoiceId, buyerId: invoice.buyerId, sellerId: invoice.sellerId,
                amount: command.amount, commission: commission, bankReference: command.bankReference, effectiveAt: at)),
            .invoicePaymentApplied(InvoicePaymentApplied(
                invoiceId: invoice.invoiceId, paymentId: command.paymentId, amount: command.amount, method: .bankTransfer,
                effectiveAt: at)),
        ])
    }

    /// Same currency as the invoice, and no more than its open amount (naming what closed it when
    /// nothing is open: an invoice credited in full was never paid).
    private func checkCollectible(_ amount: Amount, invoice: InvoiceState) -> Decision? {
        guard amount.currency == invoice.currency else {
            return reject(CommandRejection.currencyMismatch, "currency", value: amount.currency.code,
                          "the invoice is in \(invoice.currency)")
        }
        guard amount <= invoice.open else {
            let closed = invoice.closedBy.map { " (the invoice is \($0))" } ?? ""
            return reject(CommandRejection.exceedsOpenAmount, "amount", value: amount.decimalString,
                          "exceeds the invoice's open amount \(invoice.open.decimalString) \(invoice.currency)\(closed)")
        }
        return nil
    }
}
