import Testing
import Money
@testable import LedgerDomain

/// Random sequences of valid-ish commands (seeded) keep every invariant.
@Suite struct LedgerPropertyTests {
    struct Run {
        var random: SplitMix64
        var ledger = TestLedger()
        var balances: [String: Int64] = [:]     // "account|CCY" → minor
        var invoiceIds: [String] = []
        var paymentIds: [String] = []
        var accepted = 0
        var rejected = 0

        init(seed: UInt64) { random = SplitMix64(seed: seed) }

        mutating func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }
        mutating func below(_ bound: Int64) -> Int64 { bound <= 0 ? 0 : Int64(random.next() % UInt64(bound)) }

        mutating func record(_ decision: Decision) {
            switch decision {
            case .accepted(let events, _):
                accepted += 1
                for pending in events {
                    for posting in pending.event.postings {
                        balances["\(posting.account)|\(posting.currency)", default: 0] += posting.amountMinor
                    }
                }
            case .rejected:
                rejected += 1
            case .needs:
                Issue.record("unanswered needs")
            }
        }

        mutating func step(_ index: Int) {
            let start = try! Timestamp(rfc3339: "2026-05-10T00:00:00Z")
            let at = start.adding(seconds: below(30 * 86_400))
            let currency = pick([Currency.hkd, .hkd, .hkd, .usd, .jpy])
            switch random.next() % 10 {
            case 0, 1:
                let id = "I\(index)"
                let lines = (0..<(1 + below(3))).map { _ in
                    InvoiceLine(description: "item", quantity: 1 + below(5), unitPrice: Amount(minorUnits: below(50_000), currency: currency))
                }
                let seller = pick(["S1", "S2"])
                let buyer = pick(["B1", "B2"])
                let decision = ledger.run(.issueInvoice(IssueInvoice(
                    invoiceId: id, sellerId: seller, buyerId: buyer, currency: currency, lines: lines,
                    issueDate: World.day("2026-05-10"), dueDate: World.day("2026-06-10"))), at: at)
                if decision.isAccepted { invoiceIds.append(id) }
                record(decision)
            case 2, 3, 4:
                guard !invoiceIds.isEmpty else { return }
                let invoiceId = pick(invoiceIds)
                let invoice = ledger.state.invoices[invoiceId]!
                let amount = Amount(minorUnits: 1 + below(invoice.open.minorUnits + 500), currency: invoice.currency)
                let id = "PAY\(index)"
                let decision = ledger.run(.captureCardPayment(CaptureCardPayment(
                    paymentId: id, invoiceId: invoiceId, bindingId: pick(["C1", "C2"]), amount: amount, arn: World.arn(index),
                    authCode: "ABC123", visaTransactionId: World.visaTransactionId(index))), at: at)
                if decision.isAccepted { paymentIds.append(id) }
                record(decision)
            case 5:
                guard !invoiceIds.isEmpty else { return }
                let invoice = ledger.state.invoices[pick(invoiceIds)]!
                let amount = Amount(minorUnits: 1 + below(invoice.open.minorUnits + 100), currency: invoice.currency)
                record(ledger.run(.recordBankTransfer(RecordBankTransfer(paymentId: "BANK\(index)", invoiceId: invoice.invoiceId,
                                                                         amount: amount, bankReference: "ref \(index)")), at: at))
            case 6, 7:
                guard !paymentIds.isEmpty else { return }
                let payment = ledger.state.payments[pick(paymentIds)]!
                let amount = Amount(minorUnits: 1 + below(payment.refundable.minorUnits + 100), currency: payment.currency)
                record(ledger.run(.refundCardPayment(RefundCardPayment(
                    refundId: "R\(index)", paymentId: payment.paymentId, amount: DecimalAmount(amount), arn: World.arn(index))), at: at))
            case 8:
                guard !invoiceIds.isEmpty else { return }
                let invoice = ledger.state.invoices[pick(invoiceIds)]!
                let amount = Amount(minorUnits: 1 + below(invoice.open.minorUnits + 100), currency: invoice.currency)
                record(ledger.run(.issueCreditNote(IssueCreditNote(creditNoteId: "CN\(index)", invoiceId: invoice.invoiceId,
                                                                   amount: DecimalAmount(amount), reason: "adjustment")), at: at))
            default:
                guard !paymentIds.isEmpty else { return }
                let payment = ledger.state.payments[pick(paymentIds)]!
                let amount = Amount(minorUnits: 1 + below(payment.refundable.minorUnits + 50), currency: payment.currency)
                let decision = ChargebackDecisions.chargeback(chargebackId: "CB\(index)", paymentId: payment.paymentId, amount: amount,
                                                              arn: nil, reasonCode: nil, at: at, state: ledger.state)
                if case .accepted(let events, _) = decision {
                    try! ledger.state.applyAccepted(events)
                    for pending in events { ledger.streams[pending.streamId, default: []].append(pending.event) }
                }
                record(decision)
            }
        }

        func checkInvariants() {
            // Trial balance: zero per currency.
            var perCurrency: [String: Int64] = [:]
            for (key, minor) in balances { perCurrency[String(key.split(separator: "|")[1]), default: 0] += minor }
            for (currency, sum) in perCurrency { #expect(sum == 0, "trial balance \(currency)") }
            let state = ledger.state
            for program in state.programs.values {
                #expect(program.budgetLeft.minorUnits >= 0, "budget overspent \(program.programId)")
                #expect(program.reversedMinor <= program.grantedMinor)
                let receivable = balances["subsidy/\(program.programId)/funder-receivable|\(program.currency)"] ?? 0
                #expect(receivable == program.grantedMinor - program.reversedMinor)
            }
            var openByBuyer: [String: Int64] = [:]
            for invoice in state.invoices.values {
                #expect(invoice.open.minorUnits >= 0, "invoice overpaid \(invoice.invoiceId)")
                #expect(invoice.paidMinor + invoice.creditedMinor <= invoice.total.minorUnits)
                openByBuyer["buyer/\(invoice.buyerId)/receivable|\(invoice.currency)", default: 0] += invoice.open.minorUnits
            }
            for (account, open) in openByBuyer { #expect((balances[account] ?? 0) == open, "\(account)") }
            for payment in state.payments.values {
                #expect(payment.refundedMinor + payment.chargedBackMinor <= payment.amount.minorUnits)
                #expect(payment.subsidyReversedMinor <= payment.subsidyGrantedMinor)
                if payment.refundable.isZero { #expect(payment.subsidyReversedMinor == payment.subsidyGrantedMinor) }
            }
        }
    }

    @Test(arguments: [1, 2, 3, 0xDEADBEEF] as [UInt64])
    func randomCommandSequencesKeepEveryInvariant(seed: UInt64) throws {
        var run = Run(seed: seed)
        World.setUp(&run.ledger, program: false)
        for (index, budget) in ["40.00", "15.00", "500.00"].enumerated() {
            run.ledger.run(.launchSubsidyProgram(LaunchSubsidyProgram(
                programId: "P\(index)", funderId: "VISA", currency: .hkd, budget: World.money(budget), rateBps: Int64(100 + 150 * index),
                capPerPayment: World.money("12.00"), minSpend: World.money("5.00"), buyerCountries: ["HK"],
                sellerKinds: index == 1 ? [.smb] : nil, validFrom: World.day("2026-05-12"), validTo: World.day("2026-05-31"))),
                at: Timestamp(secondsSinceEpoch: 1_777_000_000 + Int64(index)))
        }
        for index in 0..<1_500 {
            run.step(index)
            if index % 100 == 0 { run.checkInvariants() }
        }
        run.checkInvariants()
        #expect(run.accepted > 500)
        #expect(run.rejected > 50)
        #expect(run.ledger.state.programs.values.contains { $0.grants > 0 && $0.reversedMinor > 0 })
        // The earliest programme ran out at some point, so later ones paid too.
        #expect((run.ledger.state.programs["P1"]?.grants ?? 0) + (run.ledger.state.programs["P2"]?.grants ?? 0) > 0)
        // Replaying every stream from its stored bytes rebuilds the same aggregates.
        let replayed = try run.ledger.replay()
        #expect(replayed.invoices == run.ledger.state.invoices)
        #expect(replayed.programs == run.ledger.state.programs)
        #expect(replayed.payments == run.ledger.state.payments)
        #expect(replayed.streamVersions == run.ledger.state.streamVersions)
    }
}
