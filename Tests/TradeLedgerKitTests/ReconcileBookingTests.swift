import EventStore
import Foundation
import LedgerDomain
import Money
import Reconciliation
import TestSupport
import Testing
import TradeLedgerKit
import VisaSettlement

/// The bookings of each kind of line, on `ReconcileTests.ledger` (checked by hand). Before any
/// file: scheme/visa/clearing HKD 2880.00 (2900.00 captured − RF1's 20.00), merchant/M1/payable
/// HKD −2908.40 (−(2900 − 58 commission) − 87 subsidies + 20 refund + 0.60 subsidy reversal),
/// subsidy/P1/funder-receivable HKD 86.40 (87 granted: 3% of each payment; − 0.60).
@Suite("reconcile: bookings per line kind", .serialized)
struct ReconcileBookingTests {
    static let clearing0: Int64 = 288_000
    static let payable0: Int64 = -290_840
    static let funder0: Int64 = 8_640
    static let grace = 30  // nothing is swept as missing_in_file in these files

    static func with(_ body: (String) throws -> Void) throws {
        try TestDatabase.with { url in
            try ReconcileTests.ledger(url)
            try body(url)
        }
    }

    static func reconcile(_ url: String, _ path: String) throws -> ReconReport {
        defer { try? FileManager.default.removeItem(atPath: path) }
        let report = try Recon.reconcile(url, path, graceDays: grace).report
        #expect(report.rejection == nil && report.refusal == nil)
        return report
    }

    /// A balance (0 when the account never moved in that currency).
    static func bal(_ b: [String: [String: Int64]], _ account: String, _ currency: String) -> Int64 { b[account]?[currency] ?? 0 }
    /// How far `account` moved in `currency` from the balances `before` to `after`.
    static func moved(_ before: [String: [String: Int64]], _ after: [String: [String: Int64]], _ account: String,
                      _ currency: String = "HKD") -> Int64 {
        bal(after, account, currency) - bal(before, account, currency)
    }

    static func expectBalanced(_ url: String, _ b: [String: [String: Int64]]) throws {
        #expect(Recon.trialBalance(b).values.allSatisfy { $0 == 0 }, "\(Recon.trialBalance(b))")
        #expect(try Recon.verifies(url))
    }

    @Test("TC 25 sends a matched presentment back to clearing; a later file presents the capture again and matches it")
    func reversalOfMatchedDraft() throws {
        try Self.with { url in
            let first = try Recon.consistentFile([
                .draft(Recon.draft(.purchase, arnN: 1, source: (10_000, .hkd))),   // PAY1 matched
                .draft(Recon.draft(.reversal, arnN: 1, source: (10_000, .hkd))),   // reversed: PAY1 matchable again
                .draft(Recon.draft(.reversal, arnN: 2, source: (20_000, .hkd))),   // PAY2 was never presented
            ])
            let r1 = try Self.reconcile(url, first.path)
            #expect(r1.outcomes[.matched] == 2 && r1.outcomes[.missingInLedger] == 1 && r1.exceptionsOpened == 1)
            var b = try Recon.balances(url)
            #expect(Self.bal(b, "scheme/visa/clearing", "HKD") == Self.clearing0)          // −100 + 100
            #expect(Self.bal(b, "scheme/visa/settlement", "HKD") == -20_000)               // +100 − 100 − 200 (parked)
            #expect(Self.bal(b, "scheme/visa/settlement", "HKD") == first.nets[.hkd])
            #expect(Self.bal(b, "recon/suspense", "HKD") == 20_000)

            let second = try Recon.consistentFile([.draft(Recon.draft(.purchase, arnN: 1, source: (10_000, .hkd)))],
                                                  date: VisaDate(year: 2026, month: 5, day: 16))
            let r2 = try Self.reconcile(url, second.path)
            #expect(r2.outcomes[.matched] == 1 && r2.outcomes[.duplicatePresentment] == 0 && r2.exceptionsOpened == 0)
            b = try Recon.balances(url)
            #expect(Self.bal(b, "scheme/visa/clearing", "HKD") == Self.clearing0 - 10_000)
            #expect(Self.bal(b, "scheme/visa/settlement", "HKD") == -10_000)
            let rows = try openStore(url).connection.execute(
                "SELECT file_id FROM recon.matches WHERE kind = 'capture' AND item_id = 'PAY1'")
            let matchedBy = rows.rowCount == 1 ? try rows.string(0, 0) : nil
            #expect(matchedBy == r2.fileId)
            try Self.expectBalanced(url, b)
        }
    }

    @Test("TC 25 naming a capture that a currency_mismatch claimed (this file or an earlier one) is parked: the capture never left clearing")
    func reversalOfCurrencyMismatch() throws {
        try Self.with { url in
            let first = try Recon.consistentFile([
                .draft(Recon.draft(.purchase, arnN: 5, source: (50_000, .usd), dest: (50_000, .hkd))),   // PAY5: currency_mismatch
                .draft(Recon.draft(.purchase, arnN: 4, source: (40_000, .usd), dest: (40_000, .hkd))),   // PAY4: currency_mismatch
                .draft(Recon.draft(.reversal, arnN: 4, source: (40_000, .hkd))),                         // same file: parked
            ])
            let r1 = try Self.reconcile(url, first.path)
            #expect(r1.outcomes[.currencyMismatch] == 2 && r1.outcomes[.missingInLedger] == 1 && r1.outcomes[.matched] == 0)
            let second = try Recon.consistentFile([.draft(Recon.draft(.reversal, arnN: 5, source: (50_000, .hkd)))],
                                                  date: VisaDate(year: 2026, month: 5, day: 16))
            let r2 = try Self.reconcile(url, second.path)
            #expect(r2.outcomes[.missingInLedger] == 1 && r2.outcomes[.matched] == 0)
            let b = try Recon.balances(url)
            #expect(Self.bal(b, "scheme/visa/clearing", "HKD") == Self.clearing0)
            // +500 +400 (parked currency mismatches) − 400 − 500 (parked reversals)
            #expect(Self.bal(b, "scheme/visa/settlement", "HKD") == 0)
            #expect(Self.bal(b, "recon/suspense", "HKD") == 0)
            try Self.expectBalanced(url, b)
        }
    }

    @Test("TC 15 books ChargebackReceived with the proportional SubsidyReversed; TC 35 reverses it and restores the subsidy (budget left); TC 35 with no open chargeback is parked")
    func chargebackAndReversal() throws {
        try Self.with { url in
            let file = try Recon.consistentFile([
                .draft(Recon.draft(.purchase, arnN: 6, source: (60_000, .hkd))),            // PAY6 matched
                .draft(Recon.draft(.chargeback, arnN: 6, source: (60_000, .hkd))),          // all of PAY6: subsidy 18.00 reversed
                .draft(Recon.draft(.chargebackReversal, arnN: 6, source: (60_000, .hkd))),  // undoes the 600.00; 18.00 restored
                .draft(Recon.draft(.chargeback, arnN: 5, source: (20_000, .hkd))),          // 200 of PAY5's 500: 15.00 × 2/5 = 6.00
                .draft(Recon.draft(.chargebackReversal, arnN: 1, source: (10_000, .hkd))),  // PAY1 has no open chargeback
            ])
            let r = try Self.reconcile(url, file.path)
            #expect(r.outcomes[.matched] == 4 && r.outcomes[.chargebackUnknownPayment] == 1 && r.exceptionsOpened == 1)
            let b = try Recon.balances(url)
            // +600 (05) − 600 (15) + 600 (35) − 200 (15) + 100 (parked 35) = 500.00
            #expect(Self.bal(b, "scheme/visa/settlement", "HKD") == 50_000)
            #expect(Self.bal(b, "scheme/visa/settlement", "HKD") == file.nets[.hkd])
            #expect(Self.bal(b, "scheme/visa/clearing", "HKD") == Self.clearing0 - 60_000)
            // + 600 + 18 (chargeback, subsidy reversed) − 600 − 18 (reversal, subsidy restored: the budget has
            // 100 − 87 + 0.60 + 18 = 31.60 left) + 200 + 6
            #expect(Self.bal(b, "merchant/M1/payable", "HKD") == Self.payable0 + 60_000 + 1_800 - 60_000 - 1_800 + 20_000 + 600)
            #expect(Self.bal(b, "subsidy/P1/funder-receivable", "HKD") == Self.funder0 - 1_800 + 1_800 - 600)
            #expect(Self.bal(b, "recon/suspense", "HKD") == -10_000)

            let store = try openStore(url)
            let types = try store.readStream(StreamID.payment("PAY6")).map(\.eventType)
            #expect(types.suffix(2) == ["ChargebackReceived", "ChargebackReversed"])
            let program = try store.readStream(StreamID.subsidy("P1"))
            #expect(program.filter { $0.eventType == "SubsidyReversed" }.count == 3)  // RF1's, PAY6's, PAY5's
            #expect(program.filter { $0.eventType == "SubsidyRestored" }.count == 1)  // PAY6's, by the TC 35
            try Self.expectBalanced(url, b)
        }
    }

    @Test("a line settled in USD for an HKD payment books each currency through fx/position; so does a chargeback settled in USD")
    func twoCurrencies() throws {
        try Self.with { url in
            let file = try Recon.consistentFile([
                .draft(Recon.draft(.purchase, arnN: 1, source: (10_000, .hkd), dest: (1_280, .usd))),   // PAY1: HKD 100.00 = USD 12.80
                .draft(Recon.draft(.chargeback, arnN: 2, source: (5_000, .hkd), dest: (640, .usd))),    // 50 of PAY2's 200
            ])
            let r = try Self.reconcile(url, file.path)
            #expect(r.outcomes[.matched] == 2 && r.exceptionsOpened == 0 && r.netChecks.allSatisfy(\.ok))
            let b = try Recon.balances(url)
            #expect(Self.bal(b, "scheme/visa/settlement", "USD") == 640)       // +12.80 − 6.40
            #expect(Self.bal(b, "scheme/visa/settlement", "USD") == file.nets[.usd])
            #expect(Self.bal(b, "scheme/visa/settlement", "HKD") == 0)  // the chargeback's HKD credit moved to USD
            #expect(Self.bal(b, "fx/position", "HKD") == Int64(10_000 - 5_000))
            #expect(Self.bal(b, "fx/position", "USD") == Int64(-1_280 + 640))
            #expect(Self.bal(b, "scheme/visa/clearing", "HKD") == Self.clearing0 - 10_000)
            // PAY2's subsidy 6.00, 0.60 already reversed by RF1: 6.00 × 50/200 = 1.50
            #expect(Self.bal(b, "merchant/M1/payable", "HKD") == Self.payable0 + 5_000 + 150)
            #expect(Self.bal(b, "subsidy/P1/funder-receivable", "HKD") == Self.funder0 - 150)
            try Self.expectBalanced(url, b)
        }
    }

    @Test("TC 20 reason 5300 books SubsidyFundingReceived for the programme in its text; TC 10 charges fees; another TC 20 credits them; unknown programme parked")
    func feeCollectionAndFunding() throws {
        try Self.with { url in
            let file = try Recon.consistentFile([
                .feeCollection(Recon.feeCollection(.fundsDisbursement, reason: "5300", source: (5_000, .hkd), message: "SUBSIDY P1")),
                .feeCollection(Recon.feeCollection(.feeCollection, reason: "0100", source: (1_500, .hkd), message: "MONTHLY FEE")),
                .feeCollection(Recon.feeCollection(.fundsDisbursement, reason: "0200", source: (700, .hkd), message: "FEE REBATE")),
                .feeCollection(Recon.feeCollection(.fundsDisbursement, reason: "5300", source: (1_000, .hkd), message: "SUBSIDY NOPE")),
            ])
            let r = try Self.reconcile(url, file.path)
            #expect(r.transactions["10"] == 1 && r.transactions["20"] == 3)
            #expect(r.outcomes[.missingInLedger] == 1 && r.outcomes[.matched] == 0 && r.exceptionsOpened == 1)
            let b = try Recon.balances(url)
            #expect(Self.bal(b, "scheme/visa/settlement", "HKD") == Int64(5_000 - 1_500 + 700 + 1_000))
            #expect(Self.bal(b, "scheme/visa/settlement", "HKD") == file.nets[.hkd])
            #expect(Self.bal(b, "subsidy/P1/funder-receivable", "HKD") == Self.funder0 - 5_000)
            #expect(Self.bal(b, "platform/expense/scheme-fees", "HKD") == Int64(1_500 - 700))
            #expect(Self.bal(b, "recon/suspense", "HKD") == -1_000)
            let store = try openStore(url)
            let fundings = try store.readStream(StreamID.subsidy("P1")).filter { $0.eventType == "SubsidyFundingReceived" }
            #expect(fundings.count == 1)
            try Self.expectBalanced(url, b)
        }
    }

    @Test("VSS-110 F and C nets book SchemeFeesCharged; on a consistent file settlement moves by exactly the T net")
    func netsAndTotal() throws {
        try Self.with { url in
            let file = try Recon.consistentFile([
                .draft(Recon.draft(.purchase, arnN: 1, source: (10_000, .hkd), vtidN: 1, feeMicros: 1_234_567, feeSign: .debit)),
                .draft(Recon.draft(.purchase, arnN: 2, source: (20_000, .hkd), vtidN: 2, feeMicros: 2_500_000, feeSign: .debit)),
                .draft(Recon.draft(.purchase, arnN: 3, source: (30_000, .hkd), vtidN: 3, feeMicros: 10_000, feeSign: .credit)),
                .draft(Recon.draft(.purchase, arnN: 4, source: (39_900, .hkd))),                     // amount_mismatch
                .draft(Recon.draft(.purchase, arnN: 906, source: (6_000, .hkd))),                    // missing_in_ledger
                .draft(Recon.draft(.creditVoucher, arnN: 50, source: (2_000, .hkd))),                // RF1
                .draft(Recon.draft(.chargeback, arnN: 6, source: (60_000, .hkd))),                   // PAY6
                .feeCollection(Recon.feeCollection(.feeCollection, reason: "0100", source: (1_500, .hkd))),
                .feeCollection(Recon.feeCollection(.fundsDisbursement, reason: "5300", source: (5_000, .hkd), message: "SUBSIDY P1")),
            ], charges: [.hkd: -1_000])
            // I = 100 + 200 + 300 + 399 + 60 − 20 − 600 − 15 + 50 = 474.00
            // F = −1.234567 − 2.5 + 0.01 = −3.724567 → −3.72 (half-even, once); C = −10.00; T = 460.28
            #expect(file.nets[.hkd] == 46_028)
            let r = try Self.reconcile(url, file.path)
            #expect(r.netChecks.count == 1 && r.netChecks[0].ok && r.outcomes[.netMismatch] == 0)
            #expect(r.outcomes[.matched] == 5 && r.outcomes[.amountMismatch] == 1 && r.outcomes[.missingInLedger] == 1)
            let b = try Recon.balances(url)
            #expect(Self.bal(b, "scheme/visa/settlement", "HKD") == 46_028)
            #expect(Self.bal(b, "platform/expense/scheme-fees", "HKD") == Int64(1_500 + 372 + 1_000))
            let fees = try openStore(url).readStream(StreamID.settlementFile(r.fileId)).filter { $0.eventType == "SchemeFeesCharged" }
            #expect(fees.count == 3)  // the TC 10, F and C
            // 100 (PAY4 short by 1.00) − 60 parked
            #expect(Self.bal(b, "recon/suspense", "HKD") == Int64(100 - 6_000))
            try Self.expectBalanced(url, b)
        }
    }
}

/// A file for a day that is already closed (settled) is booked at the first open instant.
@Suite("reconcile: closed periods")
struct ReconcileClosedPeriodTests {
    @Test("a file whose processing date is closed is booked at 00:00 UTC of the day after the closed date, and the report says so")
    func bookedAtFirstOpenInstant() throws {
        try ReconcileBookingTests.with { url in
            let closed = try CalendarDay(parsing: "2026-05-16")  // the processing date is 2026-05-15
            _ = try PeriodService(store: try openStore(url)).close(through: closed)
            let file = try Recon.consistentFile([.draft(Recon.draft(.purchase, arnN: 1, source: (10_000, .hkd)))])
            let report = try ReconcileBookingTests.reconcile(url, file.path)
            #expect(report.outcomes[.matched] == 1)
            #expect(report.bookedLate?.closedThrough == closed)
            #expect(report.bookedLate?.at.rfc3339.hasPrefix("2026-05-17T00:00:00") == true, "\(String(describing: report.bookedLate))")
            #expect(report.text.contains("booked at 2026-05-17T00:00:00") && report.text.contains("closed through 2026-05-16"), "\(report.text)")
            #expect(report.json.contains(#""closedThrough":"2026-05-16""#))
            let at = try openStore(url).connection.execute("""
                SELECT DISTINCT effective_at::text FROM ledger.events WHERE command_id = 'reconcile-' || $1
                """, [.text(report.fileId)])
            let first = at.rowCount == 1 ? try at.string(0, 0) : ""
            #expect(first.hasPrefix("2026-05-17 00:00:00"), "\(first)")
            let b = try Recon.balances(url)
            try ReconcileBookingTests.expectBalanced(url, b)
        }
    }
}
