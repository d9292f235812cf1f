import Money

/// The payments of the day: an invoice and its payment each, now and then a refund or a credit note.
extension ScenarioRun {
    mutating func generatePayments() {
        let total = config.payments
        guard total > 0 else { return }
        // The trading day runs from the end of set-up to 15:59:59Z (23:59:59 in Hong Kong).
        let dayEnd: Int64 = 16 * 3_600_000 - 1_000
        let start = max(clock + 1, 30 * 60_000)
        let span = max(Int64(total), dayEnd - start)
        let step = span / Int64(total)
        jitterMillis = Int(max(1, min(step / 8, 60_000)))
        for k in 0..<total {
            let nominal = start + Int64(k) * span / Int64(total)
            if clock < nominal { clock = nominal }
            paymentGroup(k + 1)
        }
    }

    mutating func paymentGroup(_ k: Int) {
        // Invoice.
        let merchant = min(rng.below(config.merchants), rng.below(config.merchants))  // bigger merchants sell more
        let buyer = rng.below(config.buyers)
        let country = Int(buyerCountry[buyer])
        let currency = rng.weighted(T.currencyWeightsByCountry[country])
        let spec = T.currencies[currency]
        let category = Int(merchantCategory[merchant])
        let lineCount = rng.weighted([45, 30, 15, 10]) + 1
        let (lineTexts, invoiceTotal) = invoiceLines(lineCount, category: category, spec: spec)
        let dueDate = T.dueDates[rng.weighted(T.dueDateWeights)]
        let invoiceId = Self.invoiceId(k)
        let sellerId = Self.merchantId(merchant + 1)
        let buyerId = Self.buyerId(buyer + 1)
        emit(.issueInvoice) { head in
            "{\(head),\"invoiceId\":\"\(invoiceId)\",\"sellerId\":\"\(sellerId)\",\"buyerId\":\"\(buyerId)\",\"currency\":\"\(spec.code)\",\"lines\":[\(lineTexts.joined(separator: ","))],\"issueDate\":\"2026-05-15\",\"dueDate\":\"\(dueDate)\"}"
        }

        let amount = pay(k, invoiceId: invoiceId, buyer: buyer, country: country, currency: currency, invoiceTotal: invoiceTotal)
        let invoice = OpenInvoice(invoice: k, currency: currency, open: invoiceTotal - amount)
        lastInvoice = invoice
        if invoice.open > 0 { openInvoices.add(invoice) }

        // Now and then a refund of an earlier capture, and a credit note on an open invoice.
        if rng.chance(6) { refundSomething(k) }
        if rng.chance(5) { creditSomething(k) }
    }

    /// The lines of one invoice (`lineCount` of them, in `category`): their JSON text (none in the dry
    /// run) and the invoice total in minor units.
    mutating func invoiceLines(_ lineCount: Int, category: Int, spec: T.CurrencySpec) -> (texts: [String], total: Int64) {
        var lineTexts: [String] = []
        var invoiceTotal: Int64 = 0
        for _ in 0..<lineCount {
            let product = rng.pick(T.products[category])
            let usdCents: Int64
            switch rng.weighted([30, 45, 20, 5]) {
            case 0: usdCents = Int64(rng.int(50...500))
            case 1: usdCents = Int64(rng.int(500...5_000))
            case 2: usdCents = Int64(rng.int(5_000...50_000))
            default: usdCents = Int64(rng.int(50_000...300_000))
            }
            let quantity: Int64
            switch rng.weighted([50, 35, 15]) {
            case 0: quantity = Int64(rng.int(1...5))
            case 1: quantity = Int64(rng.int(6...50))
            default: quantity = Int64(rng.int(51...500))
            }
            // Price in the invoice currency's minor units (exponent 2 for every table currency,
            // scaled generically in case of another exponent).
            var unit = usdCents * spec.perMilleOfUSD / 1_000
            if spec.exponent != 2 {
                unit = spec.exponent > 2 ? unit * GenFormat.pow10[spec.exponent - 2] : unit / GenFormat.pow10[2 - spec.exponent]
            }
            unit = max(1, unit)
            invoiceTotal += unit * quantity
            if sink != nil {
                lineTexts.append("{\"description\":\"\(product)\",\"quantity\":\(quantity),\"unitPrice\":\"\(GenFormat.amount(unit, exponent: spec.exponent))\"}")
            }
        }
        return (lineTexts, invoiceTotal)
    }

    /// The payment of invoice `k`: full (~85%) or partial, by card (~80%) or bank transfer.
    /// Returns the amount paid.
    mutating func pay(_ k: Int, invoiceId: String, buyer: Int, country: Int, currency: Int, invoiceTotal: Int64) -> Int64 {
        let spec = T.currencies[currency]
        var amount = invoiceTotal
        if invoiceTotal > 1 && rng.chance(15) {
            amount = max(1, min(invoiceTotal - 1, invoiceTotal * Int64(rng.int(30...90)) / 100))
        }
        let amountText = GenFormat.amount(amount, exponent: spec.exponent)
        let paymentId = Self.paymentId(k)
        if rng.chance(80) {
            let arn = nextARN()
            let auth = authCode()
            let transactionId = String(Int64(rng.below(900_000_000_000_000)) + 100_000_000_000_000)
            let bindingId = Self.bindingId(buyer + 1)
            emit(.captureCardPayment) { head in
                "{\(head),\"paymentId\":\"\(paymentId)\",\"invoiceId\":\"\(invoiceId)\",\"bindingId\":\"\(bindingId)\",\"amount\":\"\(amountText)\",\"currency\":\"\(spec.code)\",\"arn\":\"\(arn)\",\"authCode\":\"\(auth)\",\"visaTransactionId\":\"\(transactionId)\"}"
            }
            if currency == T.hkd && country <= 1 && amount >= Self.minSpendMinor {
                eligibleSubsidyMinor += min(GenFormat.divideHalfEven(amount * Self.rateBps, by: 10_000), Self.capMinor)
            }
            captures.add(Capture(payment: k, currency: currency, captured: amount, refunded: 0))
            cards?.items.append(GeneratedCards.Item(kind: .capture, payment: k, itemId: paymentId, arn: arn,
                                                    visaTransactionId: transactionId, authCode: auth, buyer: buyer,
                                                    currency: currency, amount: amount))
        } else {
            let bank = rng.pick(T.banks)
            let reference = "\(bank) TT \(GenFormat.base36(k * 7_919 + rng.below(7_919)))"
            emit(.recordBankTransfer) { head in
                "{\(head),\"paymentId\":\"\(paymentId)\",\"invoiceId\":\"\(invoiceId)\",\"amount\":\"\(amountText)\",\"currency\":\"\(spec.code)\",\"bankReference\":\"\(reference)\"}"
            }
        }
        return amount
    }

    mutating func refundSomething(_ k: Int) {
        guard !captures.isEmpty else { return }
        let slot = rng.below(captures.count)
        let capture = captures[slot]
        let left = capture.captured - capture.refunded
        guard left > 0 else { return }
        let amount = (left == 1 || rng.chance(40)) ? left : Int64(rng.int(1...Int(left - 1)))
        captures[slot].refunded += amount
        let arn = nextARN()
        let spec = T.currencies[capture.currency]
        let refundId = "RF-\(GenFormat.padded(Int64(k), 7))"
        let paymentId = Self.paymentId(capture.payment)
        cards?.items.append(GeneratedCards.Item(kind: .refund, payment: capture.payment, itemId: refundId, arn: arn,
                                                visaTransactionId: "", authCode: "", buyer: -1, currency: capture.currency,
                                                amount: amount))
        emit(.refundCardPayment) { head in
            "{\(head),\"refundId\":\"\(refundId)\",\"paymentId\":\"\(paymentId)\",\"amount\":\"\(GenFormat.amount(amount, exponent: spec.exponent))\",\"currency\":\"\(spec.code)\",\"arn\":\"\(arn)\"}"
        }
    }

    mutating func creditSomething(_ k: Int) {
        guard !openInvoices.isEmpty else { return }
        let slot = rng.below(openInvoices.count)
        let invoice = openInvoices[slot]
        guard invoice.open > 0 else { return }
        let amount = (invoice.open == 1 || rng.chance(50)) ? invoice.open : Int64(rng.int(1...Int(invoice.open - 1)))
        openInvoices[slot].open -= amount
        if lastInvoice?.invoice == invoice.invoice { lastInvoice!.open -= amount }
        let reason = rng.pick(T.creditNoteReasons)
        let spec = T.currencies[invoice.currency]
        let creditNoteId = "CN-\(GenFormat.padded(Int64(k), 7))"
        let invoiceId = Self.invoiceId(invoice.invoice)
        emit(.issueCreditNote) { head in
            "{\(head),\"creditNoteId\":\"\(creditNoteId)\",\"invoiceId\":\"\(invoiceId)\",\"amount\":\"\(GenFormat.amount(amount, exponent: spec.exponent))\",\"currency\":\"\(spec.code)\",\"reason\":\"\(reason)\"}"
        }
    }
}
