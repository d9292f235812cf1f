import Foundation
import Money
import Reconciliation
import TestSupport
import Testing
import TradeLedgerKit
import VisaSettlement

/// `match` of a missing_in_file exception books "the postings of an automatic one"
/// (RECONCILIATION.md). No file line presented the capture, so there is no destination amount in
/// any other currency to book: the automatic match it can stand for is the one settled in the
/// transaction currency (DOMAIN.md "Reconciliation postings"), clearing → settlement in the
/// capture's currency, with nothing through fx/position and no amount converted at a rate Visa
/// never reported. Pinned so that a change to it is a decision, not an accident.
@Suite("reconcile: manual match of a missing_in_file", .serialized)
struct ManualMatchCurrencyTests {
    @Test("a missing_in_file matched by hand books clearing → settlement in the capture's currency, even when the file settled in USD")
    func manualMatchOfMissingInFileBooksTheCapturesCurrency() throws {
        try ReconcileBookingTests.with { url in
            let file = try Recon.consistentFile([
                .draft(Recon.draft(.purchase, arnN: 1, source: (10_000, .hkd), dest: (1_280, .usd))),   // PAY1, settled in USD
            ])
            defer { try? FileManager.default.removeItem(atPath: file.path) }
            let report = try Recon.reconcile(url, file.path, graceDays: 2).report
            #expect(report.outcomes[.matched] == 1 && report.outcomes[.missingInFile] == 1)  // PAY7 of 05-10
            _ = try ExceptionService(store: try openStore(url)).match(exceptionId: "MIF-C-PAY7", paymentId: "PAY7", note: "seen on the Visa portal")
            let b = try Recon.balances(url)
            func bal(_ account: String, _ currency: String) -> Int64 { ReconcileBookingTests.bal(b, account, currency) }
            #expect(bal("scheme/visa/clearing", "HKD") == ReconcileBookingTests.clearing0 - 10_000 - 70_000)
            #expect(bal("scheme/visa/settlement", "HKD") == 70_000 && bal("scheme/visa/settlement", "USD") == 1_280)
            #expect(bal("fx/position", "HKD") == 10_000 && bal("fx/position", "USD") == -1_280)  // PAY1's automatic match only
            #expect(bal("recon/suspense", "HKD") == 0)
            try ReconcileBookingTests.expectBalanced(url, b)
        }
    }
}
