import Foundation
import LedgerDomain
import Money
import Reconciliation
import TestSupport
import Testing
import TradeLedgerKit
import VisaSettlement

/// A currency_mismatch leaves the ledger item in scheme/visa/clearing while it is open
/// (RECONCILIATION.md "Outcomes"); resolving it settles the item: clearing and recon/suspense both
/// return to where a match would have left them, each currency balanced through fx/position.
@Suite("reconcile: resolving a currency_mismatch", .serialized)
struct CurrencyMismatchResolutionTests {
    /// Reconciles a file that settles PAY4 (400.00 HKD) in USD: one currency_mismatch; its id.
    static func usdSettledCapture(_ url: String) throws -> (exceptionId: String, report: ReconReport) {
        let file = try Recon.consistentFile([
            .draft(Recon.draft(.purchase, arnN: 4, source: (5_120, .usd), dest: (5_120, .usd))),
        ])
        let report = try ReconcileBookingTests.reconcile(url, file.path)
        return ("\(ExceptionSpec.Id.fileTag(report.fileId))-\(file.records[0])", report)
    }

    @Test("accept or write-off of a currency_mismatch releases the capture from clearing and clears suspense")
    func resolvingACurrencyMismatchReleasesClearing() throws {
        try ReconcileBookingTests.with { url in
            let file = try Recon.consistentFile([
                .draft(Recon.draft(.purchase, arnN: 5, source: (50_000, .usd), dest: (50_000, .hkd))),    // PAY5 500.00 HKD, settled in HKD
                .draft(Recon.draft(.purchase, arnN: 4, source: (5_120, .usd), dest: (5_120, .usd))),      // PAY4 400.00 HKD, settled in USD
            ])
            let report = try ReconcileBookingTests.reconcile(url, file.path)
            #expect(report.outcomes[.currencyMismatch] == 2 && report.exceptionsOpened == 2)
            let before = try Recon.balances(url)
            #expect(ReconcileBookingTests.bal(before, "scheme/visa/clearing", "HKD") == ReconcileBookingTests.clearing0)

            let prefix = ExceptionSpec.Id.fileTag(report.fileId)
            let service = ExceptionService(store: try openStore(url))
            _ = try service.resolve(exceptionId: "\(prefix)-\(file.records[0])", resolution: "accept", note: "Visa presented in USD", amount: nil)
            _ = try service.resolve(exceptionId: "\(prefix)-\(file.records[1])", resolution: "write-off", note: "settled in USD", amount: nil)
            #expect(try service.list(.init(openOnly: true)).isEmpty)

            let b = try Recon.balances(url)
            func bal(_ account: String, _ currency: String) -> Int64 { ReconcileBookingTests.bal(b, account, currency) }
            // Every exception resolved: clearing holds what no file presented, nothing of PAY5 or PAY4.
            #expect(bal("scheme/visa/clearing", "HKD") == ReconcileBookingTests.clearing0 - 50_000 - 40_000)
            #expect(bal("scheme/visa/clearing", "USD") == 0)
            #expect(bal("recon/suspense", "HKD") == 0 && bal("recon/suspense", "USD") == 0)
            #expect(bal("scheme/visa/settlement", "HKD") == 50_000 && bal("scheme/visa/settlement", "USD") == file.nets[.usd])
            // Across currencies the conversion sits in fx/position, as for a line matched in another settlement currency.
            #expect(bal("fx/position", "HKD") == 40_000 && bal("fx/position", "USD") == -5_120)
            // Same amounts, same currency: no difference to book.
            #expect(bal("platform/expense/recon-differences", "HKD") == 0 && bal("platform/expense/recon-differences", "USD") == 0)
            #expect(bal("platform/expense/write-offs", "HKD") == 0 && bal("platform/expense/write-offs", "USD") == 0)
            try ReconcileBookingTests.expectBalanced(url, b)
        }
    }

    @Test("a currency_mismatch settled short in the capture's currency books the difference to the resolution's account")
    func shortSettlementInTheCapturesCurrencyBooksTheDifference() throws {
        try ReconcileBookingTests.with { url in
            let file = try Recon.consistentFile([
                .draft(Recon.draft(.purchase, arnN: 5, source: (6_400, .usd), dest: (49_900, .hkd))),   // PAY5 500.00 HKD, 499.00 HKD settled
            ])
            let report = try ReconcileBookingTests.reconcile(url, file.path)
            #expect(report.outcomes[.currencyMismatch] == 1)
            let service = ExceptionService(store: try openStore(url))
            _ = try service.resolve(exceptionId: "\(ExceptionSpec.Id.fileTag(report.fileId))-\(file.records[0])", resolution: "write-off",
                                    note: "short by one dollar", amount: nil)
            let b = try Recon.balances(url)
            #expect(ReconcileBookingTests.bal(b, "scheme/visa/clearing", "HKD") == ReconcileBookingTests.clearing0 - 50_000)
            #expect(ReconcileBookingTests.bal(b, "recon/suspense", "HKD") == 0)
            #expect(ReconcileBookingTests.bal(b, "platform/expense/write-offs", "HKD") == 100)
            #expect((b["fx/position"] ?? [:]).values.allSatisfy { $0 == 0 })
            try ReconcileBookingTests.expectBalanced(url, b)
        }
    }

    @Test("a ResolveException submitted through submit releases the capture the same way")
    func resolveExceptionThroughSubmitReleasesTheCapture() throws {
        try ReconcileBookingTests.with { url in
            let id = try Self.usdSettledCapture(url).exceptionId
            let results = try submit(url, #"{"type":"ResolveException","commandId":"resolve-1","exceptionId":"\#(id)","resolution":"accept","note":"USD ok"}"#)
            #expect(results.map(\.status) == [.accepted], "\(results.map { $0.error?.message ?? "" })")
            let b = try Recon.balances(url)
            #expect(ReconcileBookingTests.bal(b, "scheme/visa/clearing", "HKD") == ReconcileBookingTests.clearing0 - 40_000)
            #expect(ReconcileBookingTests.bal(b, "recon/suspense", "USD") == 0)
            #expect(ReconcileBookingTests.bal(b, "fx/position", "HKD") == 40_000 && ReconcileBookingTests.bal(b, "fx/position", "USD") == -5_120)
            try ReconcileBookingTests.expectBalanced(url, b)
            #expect(try Recon.verifies(url))
        }
    }
    @Test("adjust of a currency_mismatch is refused, naming the exception and pointing at accept or write-off; nothing is appended")
    func adjustOfACurrencyMismatchIsRefused() throws {
        try ReconcileBookingTests.with { url in
            let (id, report) = try Self.usdSettledCapture(url)
            #expect(report.outcomes[.currencyMismatch] == 1)
            let head = try Recon.head(url)
            let before = try Recon.balances(url)
            let expected = "ResolveException.resolution \"adjust\": exception \"\(id)\" is a currency_mismatch: an adjust would book "
                + "its correction to scheme/visa/clearing in USD, which is not the ledger item's currency; "
                + "resolve it with accept or write-off, which release the capture from clearing through fx/position"

            // Through the resolve service (`tradeledger resolve`).
            let service = ExceptionService(store: try openStore(url))
            do {
                _ = try service.resolve(exceptionId: id, resolution: "adjust", note: "correct it", amount: "10.00")
                Issue.record("adjust of a currency_mismatch was accepted")
            } catch let error as AppError {
                #expect(error.code == .rejected)
                #expect(error.message == expected, "\(error.message)")
            }
            // Through submit.
            let results = try submit(url, #"{"type":"ResolveException","commandId":"adjust-1","exceptionId":"\#(id)","resolution":"adjust","note":"x","amount":"51.20"}"#)
            #expect(results.map(\.status) == [.rejected])
            #expect(results.first?.error?.code == "invalid_state")
            #expect(results.first?.error?.field == "resolution")
            #expect(results.first?.error?.message == expected, "\(results.first?.error?.message ?? "")")

            #expect(try Recon.head(url) == head)
            #expect(try Recon.balances(url) == before)
            #expect(try service.list(.init(openOnly: true)).map(\.exceptionId) == [id])
            // accept still resolves it.
            _ = try service.resolve(exceptionId: id, resolution: "accept", note: "USD ok", amount: nil)
            #expect(try service.list(.init(openOnly: true)).isEmpty)
        }
    }
}
