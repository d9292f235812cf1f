/// The invalid commands of a scenario: each is wrong in exactly one way, names only ids no valid
/// command uses ("BAD-…"), or refers to an existing invoice without changing it, so nothing later
/// depends on it.
extension ScenarioRun {
    mutating func emitInvalid() {
        let kinds = ScenarioGenerator.InvalidKind.allCases
        var kind = kinds[invalidTotal % kinds.count]
        if kind == .paymentExceedsOpenAmount && lastInvoice == nil { kind = .refundOfUnknownPayment }
        invalidCounts[kinds.firstIndex(of: kind)!] += 1
        invalidTotal += 1
        let tag = "X\(invalidTotal)"
        let typeName: String
        switch kind {
        case .badAmountPrecision, .paymentExceedsOpenAmount: typeName = "RecordBankTransfer"
        case .unknownField: typeName = "RegisterParty"
        case .missingField: typeName = "IssueInvoice"
        case .refundOfUnknownPayment: typeName = "RefundCardPayment"
        case .malformedJSON: typeName = "RecordFxRate"
        case .panField: typeName = "BindCard"
        case .badARNCheckDigit: typeName = "CaptureCardPayment"
        }
        // Random draws happen in both runs alike; formatting only in the real one.
        let arn = (kind == .refundOfUnknownPayment || kind == .badARNCheckDigit) ? nextARN() : ""
        let extraMinor = Int64(rng.int(1...100_000))
        guard let (head, _) = nextHead(typeName), let sink else { return }

        let invoiceId = lastInvoice.map { Self.invoiceId($0.invoice) } ?? "BAD-INV-\(tag)"
        let invoiceSpec = T.currencies[lastInvoice?.currency ?? T.hkd]
        let line: String
        switch kind {
        case .badAmountPrecision:
            line = "{\(head),\"paymentId\":\"BAD-PAY-\(tag)\",\"invoiceId\":\"\(invoiceId)\",\"amount\":\"12.345\",\"currency\":\"HKD\",\"bankReference\":\"HSBCHKHH TT PRECISION\"}"
        case .unknownField:
            line = "{\(head),\"partyId\":\"BAD-B-\(tag)\",\"name\":\"Unknown Field Trading Limited\",\"kind\":\"smb\",\"roles\":[\"buyer\"],\"country\":\"HK\",\"nickname\":\"UFT\"}"
        case .missingField:
            line = "{\(head),\"invoiceId\":\"BAD-INV-\(tag)\",\"sellerId\":\"\(Self.merchantId(1))\",\"buyerId\":\"\(Self.buyerId(1))\",\"lines\":[{\"description\":\"Sample carton\",\"quantity\":1,\"unitPrice\":\"10.00\"}],\"issueDate\":\"2026-05-15\",\"dueDate\":\"2026-05-29\"}"
        case .paymentExceedsOpenAmount:
            let open = lastInvoice!.open
            let amount = GenFormat.amount(open + extraMinor, exponent: invoiceSpec.exponent)
            line = "{\(head),\"paymentId\":\"BAD-PAY-\(tag)\",\"invoiceId\":\"\(invoiceId)\",\"amount\":\"\(amount)\",\"currency\":\"\(invoiceSpec.code)\",\"bankReference\":\"HSBCHKHH TT OVERPAID\"}"
        case .refundOfUnknownPayment:
            line = "{\(head),\"refundId\":\"BAD-RF-\(tag)\",\"paymentId\":\"BAD-PAY-\(tag)\",\"amount\":\"10.00\",\"currency\":\"HKD\",\"arn\":\"\(arn)\"}"
        case .malformedJSON:
            line = "{\(head),\"base\":\"HKD\",\"quote\":\"CNY\",\"rate\":\"0.92"
        case .panField:
            line = "{\(head),\"bindingId\":\"BAD-CARD-\(tag)\",\"partyId\":\"\(Self.buyerId(1))\",\"pan\":\"XXXXXXXXXXXX4242\",\"panLast4\":\"4242\",\"expiry\":\"12/28\"}"
        case .badARNCheckDigit:
            let check = Int(arn.utf8.last!) - 48
            let badARN = String(arn.dropLast()) + String((check + 1 + Int(extraMinor % 9)) % 10)
            line = "{\(head),\"paymentId\":\"BAD-PAY-\(tag)\",\"invoiceId\":\"\(invoiceId)\",\"bindingId\":\"\(Self.bindingId(1))\",\"amount\":\"10.00\",\"currency\":\"\(invoiceSpec.code)\",\"arn\":\"\(badARN)\",\"authCode\":\"A1B2C3\",\"visaTransactionId\":\"304117298765432\"}"
        }
        sink(line)
    }
}
