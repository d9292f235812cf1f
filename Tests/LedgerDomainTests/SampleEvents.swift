import Money
@testable import LedgerDomain

/// One event of every type, with fixed values, for the canonical JSON vectors.
enum SampleEvents {
    static let at = try! Timestamp(rfc3339: "2026-05-15T10:00:00.250+08:00")
    static func hkd(_ text: String) -> Amount { try! Amount(parsing: text, currency: .hkd, allowNegative: true) }

    static let all: [DomainEvent] = [
        .partyRegistered(PartyRegistered(partyId: "S1", name: "Shenzhen \"Widgets\" 深圳", kind: .enterprise, roles: [.seller, .buyer],
                                         country: "CN", settlementCurrency: .cny, commissionBps: 250, effectiveAt: at)),
        .cardBound(CardBound(bindingId: "C1", partyId: "B1", tokenRef: TokenRef.make(token: "4895370012345678", key: TestLedger.tokenKey),
                             panLast4: "1234", expiry: CardExpiry(month: 3, year: 2029)!, tokenRequestorId: "40010030273", effectiveAt: at)),
        .subsidyProgramLaunched(SubsidyProgramLaunched(
            programId: "P1", funderId: "VISA", currency: .hkd, budget: hkd("100000"), rateBps: 300, capPerPayment: hkd("50"),
            minSpend: hkd("100"), buyerCountries: ["HK", "MO", "TW"], sellerKinds: [.smb], validFrom: try! CalendarDay(parsing: "2026-05-01"),
            validTo: try! CalendarDay(parsing: "2026-05-31"), effectiveAt: at)),
        .fxRateRecorded(FxRateRecorded(base: .hkd, quote: .cny, rate: try! FxRate(parsing: "0.9234"),
                                       asOf: try! Timestamp(rfc3339: "2026-05-15T00:00:00Z"), source: "ECB", effectiveAt: at)),
        .invoiceIssued(InvoiceIssued(
            invoiceId: "INV-1", sellerId: "S1", buyerId: "B1", currency: .hkd,
            lines: [InvoiceLine(description: "Widgets\tblue", quantity: 3, unitPrice: hkd("12.50")),
                    InvoiceLine(description: "Freight", quantity: 1, unitPrice: hkd("0.05"))],
            total: hkd("37.55"), issueDate: try! CalendarDay(parsing: "2026-05-15"), dueDate: try! CalendarDay(parsing: "2026-06-14"),
            effectiveAt: at)),
        .paymentCaptured(PaymentCaptured(
            paymentId: "PAY-1", invoiceId: "INV-1", bindingId: "C1", buyerId: "B1", sellerId: "S1", amount: hkd("37.55"),
            commission: hkd("0.94"), arn: "74567890123456789012346", authCode: "A1B2C3", visaTransactionId: "123456789012345",
            tokenRef: "00ff", subsidyProgramId: "P1", subsidy: hkd("1.13"), effectiveAt: at)),
        .invoicePaymentApplied(InvoicePaymentApplied(invoiceId: "INV-1", paymentId: "PAY-1", amount: hkd("37.55"), method: .card,
                                                     effectiveAt: at)),
        .paymentReceived(PaymentReceived(paymentId: "PAY-2", invoiceId: "INV-2", buyerId: "B1", sellerId: "S1", amount: hkd("1000"),
                                         commission: hkd("25"), bankReference: "HSBC 123", effectiveAt: at)),
        .paymentRefunded(PaymentRefunded(refundId: "R1", paymentId: "PAY-1", invoiceId: "INV-1", sellerId: "S1", amount: hkd("10"),
                                         arn: "74567890123456789012346", subsidyReversed: hkd("0.30"), effectiveAt: at)),
        .subsidyGranted(SubsidyGranted(programId: "P1", paymentId: "PAY-1", sellerId: "S1", amount: hkd("1.13"), effectiveAt: at)),
        .subsidyReversed(SubsidyReversed(programId: "P1", paymentId: "PAY-1", sellerId: "S1", amount: hkd("0.30"), cause: .refund,
                                         causeId: "R1", effectiveAt: at)),
        .chargebackReceived(ChargebackReceived(chargebackId: "CB1", paymentId: "PAY-1", invoiceId: "INV-1", sellerId: "S1",
                                               amount: hkd("27.55"), arn: nil, reasonCode: "10.4", subsidyReversed: nil, effectiveAt: at)),
        .chargebackReversed(ChargebackReversed(chargebackId: "CB1", paymentId: "PAY-1", invoiceId: "INV-1", sellerId: "S1",
                                               amount: hkd("27.55"), subsidyRestored: hkd("0.50"), effectiveAt: at)),
        .creditNoteIssued(CreditNoteIssued(creditNoteId: "CN1", invoiceId: "INV-1", sellerId: "S1", buyerId: "B1", amount: hkd("5"),
                                           reason: "damaged", effectiveAt: at)),
        .subsidyClaimSubmitted(SubsidyClaimSubmitted(claimId: "CL1", programId: "P1", funderId: "VISA", amount: hkd("0.83"),
                                                     settlementDate: try! CalendarDay(parsing: "2026-05-15"), effectiveAt: at)),
        .subsidyFundingReceived(SubsidyFundingReceived(programId: "P1", fileId: "f00d", sourceAmount: hkd("0.83"),
                                                       destinationAmount: Amount(minorUnits: 11, currency: .usd), effectiveAt: at)),
        .schemeFeesCharged(SchemeFeesCharged(feeId: "F1", fileId: "f00d", amount: Amount(minorUnits: 1234, currency: .usd),
                                             description: "VSS-110 reimbursement fees", effectiveAt: at)),
        .merchantPaidOut(MerchantPaidOut(merchantId: "S1", amount: hkd("100"), payoutAmount: Amount(minorUnits: 9234, currency: .cny),
                                         rate: try! FxRate(parsing: "0.9234"), settlementDate: try! CalendarDay(parsing: "2026-05-15"),
                                         effectiveAt: at)),
        .reconciliationExceptionRaised(ReconciliationExceptionRaised(
            exceptionId: "E1", outcome: "amount_mismatch", description: "file 35.55, ledger 37.55", fileId: "f00d", recordNumber: 12,
            paymentId: "PAY-1", postings: [
                Posting(account: Account.visaSettlement, currency: .hkd, amountMinor: 3555),
                Posting(account: Account.visaClearing, currency: .hkd, amountMinor: -3755),
                Posting(account: Account.reconSuspense, currency: .hkd, amountMinor: 200),
            ], effectiveAt: at)),
        .reconciliationExceptionResolved(ReconciliationExceptionResolved(
            exceptionId: "E1", resolution: .writeOff, note: "agreed with Visa", amount: nil, postings: [
                Posting(account: Account.reconSuspense, currency: .hkd, amountMinor: -200),
                Posting(account: Account.writeOffs, currency: .hkd, amountMinor: 200),
            ], effectiveAt: at)),
        .settlementFileImported(SettlementFileImported(
            fileId: "f00d", processingBIN: "412345", processingDate: try! CalendarDay(parsing: "2026-05-15"), fileSequence: "001",
            records: 12, report: #"{"fileId":"f00d"}"#, effectiveAt: at)),
        .settlementItemsMatched(SettlementItemsMatched(fileId: "f00d", part: 1, items: [
            SettlementItem(record: 2, action: .presentCapture, itemId: "PAY-1", paymentId: "PAY-1", stage: "arn", keys: ["arn"],
                           amount: hkd("37.55"), settled: Amount(minorUnits: 481, currency: .usd)),
            SettlementItem(record: 5, action: .presentRefund, itemId: "RF-1", paymentId: "PAY-1", stage: "arn", keys: ["arn"],
                           amount: hkd("10.00"), settled: hkd("10.00")),
        ], effectiveAt: at)),
        .subsidyRestored(SubsidyRestored(programId: "P1", paymentId: "PAY-1", sellerId: "S1", chargebackId: "CB1", amount: hkd("0.50"),
                                         effectiveAt: at)),
        .subsidyProgramListed(SubsidyProgramListed(programId: "P1", effectiveAt: at)),
        .periodClosed(PeriodClosed(through: try! CalendarDay(parsing: "2026-05-14"), effectiveAt: at)),
    ]
}
