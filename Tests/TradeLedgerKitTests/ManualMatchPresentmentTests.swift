import Foundation
import LedgerDomain
import LibPQ
import Money
import Reconciliation
import TestSupport
import Testing
@testable import TradeLedgerKit
import VisaSettlement

/// `match` of a parked presentment (missing_in_ledger): a TC 05 pairs with a capture, a TC 06
/// with a refund (`--refund R`), and the item's own missing_in_file, when open, is resolved by the
/// same command (late_presentment). Before, a parked TC 06 could not be matched at all (only
/// write-offs were left), and a capture's missing_in_file stayed open after its presentment was
/// matched by hand, where `match` of it would have booked the presentment a second time.
@Suite("reconcile: manual match of a parked presentment", .serialized)
struct ManualMatchPresentmentTests {
    /// PAY1 of 100.00 HKD with refund RF1 of 10.00; the file presents both with ARNs the ledger
    /// does not know (so both park as missing_in_ledger), reconciled with no grace days (so
    /// both items are also missing_in_file).
    static func ledger(_ url: String) throws {
        try refundLedger(url, [
            .draft(Recon.draft(.purchase, arnN: 88, source: (10_000, .hkd))),
            .draft(Recon.draft(.creditVoucher, arnN: 77, source: (1_000, .hkd))),
        ])
    }

    /// The open missing_in_ledger exceptions: (TC 05's, TC 06's), by their parked amount.
    static func parked(_ url: String) throws -> (capture: String, refund: String) {
        let r = try PGConnection(url).execute("""
            SELECT exception_id, amount_minor FROM recon.exceptions WHERE kind = 'missing_in_ledger' ORDER BY amount_minor DESC
            """)
        let amounts = try (0..<r.rowCount).map { try r.int64($0, 1) }
        #expect(amounts == [10_000, 1_000])
        return (try r.string(0, 0), try r.string(1, 0))
    }

    static func open(_ service: ExceptionService) throws -> [String] {
        try service.list(.init(openOnly: true)).map(\.exceptionId).sorted()
    }

    @Test("a parked TC 06 matched with --refund marks the refund, books suspense → clearing and resolves its missing_in_file")
    func refundPresentment() throws {
        try TestDatabase.with { url in
            try Self.ledger(url)
            let service = ExceptionService(store: try openStore(url))
            let (capture, refund) = try Self.parked(url)
            #expect(try Self.open(service) == [capture, refund, "MIF-C-PAY1", "MIF-RF-PAY1-RRF1-L4"].sorted())
            let head = try Recon.head(url)
            // A TC 06 is not a capture's presentment, and a TC 05 not a refund's.
            #expect(throws: AppError.self) { try service.match(exceptionId: refund, paymentId: "PAY1", note: "seen on the Visa portal") }
            #expect(throws: AppError.self) {
                try service.match(exceptionId: capture, paymentId: "PAY1", refundId: "RF1", note: "seen on the Visa portal")
            }
            #expect(try Recon.head(url) == head, "nothing appended")

            let before = try Recon.balances(url)
            _ = try service.match(exceptionId: refund, paymentId: "PAY1", refundId: "RF1", note: "ARN keyed wrong by the acquirer")
            #expect(try ManualMatchItemTests.matches(url) == ["refund|PAY1|RF1|\(refund)"])
            #expect(try Self.open(service) == [capture, "MIF-C-PAY1"].sorted(), "the refund's missing_in_file is resolved with it")
            let after = try Recon.balances(url)
            func moved(_ account: String) -> Int64 { ReconcileBookingTests.moved(before, after, account) }
            #expect(moved("recon/suspense") == -1_000 && moved("scheme/visa/clearing") == 1_000 && moved("scheme/visa/settlement") == 0)
            #expect(ReconcileBookingTests.bal(after, "recon/suspense", "HKD") == -10_000, "only the TC 05 is left parked")
            try ReconcileBookingTests.expectBalanced(url, after)
            let c = try PGConnection(url)
            let late = try c.execute("""
                SELECT convert_from(body, 'UTF8') FROM ledger.events WHERE stream_id = 'recon-exception-MIF-RF-PAY1-RRF1-L4' AND stream_version = 2
                """)
            let lateBodies = try (0..<late.rowCount).map { try late.string($0, 0) }
            #expect(lateBodies.count == 1 && lateBodies.allSatisfy { $0.contains(#""resolution":"late_presentment""#) })
            // Its missing_in_file cannot be matched again (it would book the refund twice).
            #expect(throws: AppError.self) {
                try service.match(exceptionId: "MIF-RF-PAY1-RRF1-L4", paymentId: "PAY1", note: "seen on the Visa portal")
            }
        }
    }

    @Test("a parked TC 05 matched with its capture resolves the capture's missing_in_file in the same command")
    func capturePresentment() throws {
        try TestDatabase.with { url in
            try Self.ledger(url)
            let service = ExceptionService(store: try openStore(url))
            let (capture, refund) = try Self.parked(url)
            let before = try Recon.balances(url)
            let outcome = try service.match(exceptionId: capture, paymentId: "PAY1", note: "ARN keyed wrong by the acquirer")
            #expect(outcome.seqRange.count == 2, "the manual match and the late presentment, one command")
            #expect(try Self.open(service) == [refund, "MIF-RF-PAY1-RRF1-L4"].sorted())
            let after = try Recon.balances(url)
            #expect(ReconcileBookingTests.moved(before, after, "recon/suspense") == 10_000)
            #expect(ReconcileBookingTests.moved(before, after, "scheme/visa/settlement") == 0)
            #expect(throws: AppError.self) { try service.match(exceptionId: "MIF-C-PAY1", paymentId: "PAY1", note: "seen on the Visa portal") }
            try ReconcileBookingTests.expectBalanced(url, after)
        }
    }

    /// One payment with refund RF1 of 10.00; the file's lines are `lines` (nothing else).
    static func refundLedger(_ url: String, _ lines: [VisaTransaction]) throws {
        var commands = Cmd.setup
        commands.append(Cmd.invoice("INV1", price: "100.00", at: "2026-05-01T00:00:00Z", n: "i1"))
        commands.append(Recon.capture("PAY1", invoice: "INV1", amount: "100.00", arnN: 1, auth: "AUTH01", at: ReconcileTests.at, n: "c1"))
        commands.append(Recon.refund("RF1", payment: "PAY1", amount: "10.00", arnN: 50, at: ReconcileTests.at, n: "r1"))
        #expect(try submit(url, commands.joined(separator: "\n")).allSatisfy { $0.status == .accepted })
        let (path, _) = Recon.file(lines)
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try Recon.reconcile(url, path, graceDays: 0)
    }

    static func missingInLedger(_ url: String) throws -> [String] {
        let r = try PGConnection(url).execute("SELECT exception_id FROM recon.exceptions WHERE kind = 'missing_in_ledger' ORDER BY 1")
        return try (0..<r.rowCount).map { try r.string($0, 0) }
    }

    /// A ledger whose file holds `line` alone: its one missing_in_ledger, matched with refund
    /// RF1 of PAY1, is refused, and nothing is appended or matched.
    static func expectRefundMatchRefused(_ line: VisaTransaction) throws {
        try TestDatabase.with { url in
            try Self.refundLedger(url, [line])
            let ids = try Self.missingInLedger(url)
            #expect(ids.count == 1)
            let service = ExceptionService(store: try openStore(url))
            let head = try Recon.head(url)
            #expect(throws: AppError.self) {
                try service.match(exceptionId: ids[0], paymentId: "PAY1", refundId: "RF1", note: "seen on the Visa portal")
            }
            #expect(try Recon.head(url) == head && (try ManualMatchItemTests.matches(url)).isEmpty, "nothing appended or matched")
            try ReconcileBookingTests.expectBalanced(url, try Recon.balances(url))
        }
    }

    @Test("a TC 25 that names no presented capture parks like a TC 06 but is no presentment: --refund refuses it")
    func reversalIsNoRefundPresentment() throws {
        try Self.expectRefundMatchRefused(.draft(Recon.draft(.reversal, arnN: 99, source: (1_000, .hkd))))
    }

    @Test("a TC 06 that settled another amount in its own currency is an amount mismatch: refused, nothing appended (its postings would not balance)")
    func sameCurrencyOtherSettledAmountIsRefused() throws {
        try Self.expectRefundMatchRefused(.draft(Recon.draft(.creditVoucher, arnN: 77, source: (1_000, .hkd), dest: (900, .hkd))))
    }

    @Test("a parked TC 06 settled in USD for an HKD refund: the manual match takes the USD from suspense through fx/position to HKD clearing, as an automatic match would")
    func refundPresentmentAcrossCurrencies() throws {
        try TestDatabase.with { url in
            try Self.refundLedger(url, [.draft(Recon.draft(.creditVoucher, arnN: 77, source: (1_000, .hkd), dest: (128, .usd)))])
            let ids = try Self.missingInLedger(url)
            #expect(ids.count == 1)
            let before = try Recon.balances(url)
            // Parked: settlement credited the 1.28 USD Visa took back, suspense debited.
            #expect(ReconcileBookingTests.bal(before, "recon/suspense", "USD") == 128)
            _ = try ExceptionService(store: try openStore(url)).match(exceptionId: ids[0], paymentId: "PAY1", refundId: "RF1", note: "ARN keyed wrong")
            let after = try Recon.balances(url)
            func moved(_ account: String, _ currency: String) -> Int64 { ReconcileBookingTests.moved(before, after, account, currency) }
            #expect(moved("recon/suspense", "USD") == -128 && moved("fx/position", "USD") == 128)
            #expect(moved("fx/position", "HKD") == -1_000 && moved("scheme/visa/clearing", "HKD") == 1_000)
            #expect(moved("scheme/visa/settlement", "USD") == 0 && moved("scheme/visa/settlement", "HKD") == 0)
            #expect(try ManualMatchItemTests.matches(url) == ["refund|PAY1|RF1|\(ids[0])"])
            try ReconcileBookingTests.expectBalanced(url, after)
        }
    }

    @Test("the command id keeps the ids' digits apart: two ids never join into a card number")
    func commandIdNeverJoinsIntoACardNumber() {
        // Joined by "-" alone, as before, these three made 4111 1111 1111 1111.
        #expect(PANDetector.containsCardNumber("match-X-4111-11111111-1111"))
        let id = ExceptionService.matchCommandId(exceptionId: "X-4111", key: .init(kind: .refund, paymentId: "11111111", itemId: "1111"))
        #expect(id == "match-X-4111-P11111111-R1111" && !PANDetector.containsCardNumber(id))
        #expect(ExceptionService.transactionCode(evidence: "TC 06 record 7: no refund matches ARN 1") == "06")
        #expect(ExceptionService.transactionCode(evidence: "refund RF1 of payment PAY1 of 10.00 HKD") == nil)
    }
}
