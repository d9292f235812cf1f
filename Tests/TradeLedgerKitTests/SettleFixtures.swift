import EventStore
import Foundation
import LibPQ
import Money
import Projections
import Settlement
import TestSupport
import Testing
import TradeLedgerKit

/// Hand-written commands for settlement tests: sellers with their own settlement currency and
/// commission, invoices and bank transfers in any currency, FX rates, holds and returns.
enum SCmd {
    static func seller(_ id: String, settles ccy: String, commissionBps: Int, n: String) -> String {
        #"{"type":"RegisterParty","commandId":"\#(n)","partyId":"\#(id)","name":"Seller \#(id)","kind":"smb","roles":["seller"],"country":"CN","settlementCurrency":"\#(ccy)","commissionBps":\#(commissionBps),"at":"2026-05-01T00:00:00Z"}"#
    }
    static func invoice(_ id: String, seller: String, buyer: String = "B1", ccy: String, price: String, at: String, n: String) -> String {
        #"{"type":"IssueInvoice","commandId":"\#(n)","invoiceId":"\#(id)","sellerId":"\#(seller)","buyerId":"\#(buyer)","currency":"\#(ccy)","lines":[{"description":"goods","quantity":1,"unitPrice":"\#(price)"}],"issueDate":"2026-05-10","dueDate":"2026-05-31","at":"\#(at)"}"#
    }
    static func transfer(_ payment: String, invoice: String, ccy: String, amount: String, at: String, n: String) -> String {
        #"{"type":"RecordBankTransfer","commandId":"\#(n)","paymentId":"\#(payment)","invoiceId":"\#(invoice)","amount":"\#(amount)","currency":"\#(ccy)","bankReference":"REF-\#(payment)","at":"\#(at)"}"#
    }
    /// An invoice and its full bank transfer: the seller's payable gets amount − commission.
    static func sale(_ id: String, seller: String, ccy: String, amount: String, at: String) -> [String] {
        [invoice("I-\(id)", seller: seller, ccy: ccy, price: amount, at: at, n: "inv-\(id)"),
         transfer("T-\(id)", invoice: "I-\(id)", ccy: ccy, amount: amount, at: at, n: "tr-\(id)")]
    }
    /// Recorded at its own asOf (business time), so rates for a later day pass a closed period.
    static func rate(_ base: String, _ quote: String, _ rate: String, asOf: String, n: String) -> String {
        #"{"type":"RecordFxRate","commandId":"\#(n)","base":"\#(base)","quote":"\#(quote)","rate":"\#(rate)","asOf":"\#(asOf)","source":"test","at":"\#(asOf)"}"#
    }
    static func hold(_ merchant: String, at: String, n: String) -> String {
        #"{"type":"HoldPayouts","commandId":"\#(n)","merchantId":"\#(merchant)","reason":"KYC review","at":"\#(at)"}"#
    }
    static func release(_ merchant: String, at: String, n: String) -> String {
        #"{"type":"ReleasePayouts","commandId":"\#(n)","merchantId":"\#(merchant)","reason":"KYC passed","at":"\#(at)"}"#
    }
    static func returned(_ payoutId: String, at: String, n: String) -> String {
        #"{"type":"RecordPayoutReturned","commandId":"\#(n)","payoutId":"\#(payoutId)","reason":"account closed","bankReference":"RTN-\#(n)","at":"\#(at)"}"#
    }
    static let buyers = [
        Cmd.party("B1", seller: false, country: "HK", n: "b1"), Cmd.party("B2", seller: false, country: "TW", n: "b2"),
    ]
}

/// Settlement helpers over one test database.
struct SettleHarness {
    let url: String
    let store: EventStore

    init(_ url: String) throws {
        self.url = url
        self.store = try openStore(url)
    }

    static func day(_ text: String) -> CalendarDay { try! CalendarDay(parsing: text) }

    /// Submits commands; every one must be accepted.
    func accept(_ lines: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let results = try submit(url, lines.joined(separator: "\n"))
        #expect(results.allSatisfy { $0.status != .rejected }, "\(results.compactMap(\.error))", sourceLocation: sourceLocation)
    }

    func settle(_ date: String, minimums: [String] = [], dryRun: Bool = false, plan: String? = nil,
                planOut: String? = nil) throws -> SettleService.Outcome {
        var options = SettleService.Options(date: Self.day(date))
        options.minimums = try SettleService.parseMinimums(minimums)
        options.dryRun = dryRun
        options.planFile = plan
        options.planOut = planOut
        return try SettleService(store: store).run(options)
    }

    /// Balance (debit-positive, minor units) of `account` in `ccy` as of the end of `date`, or now.
    func balance(_ account: String, _ ccy: Currency, asOf date: String? = nil) throws -> Int64 {
        _ = try ProjectionService(store: store).runOnce()
        let q = ProjectionQueries(connection: store.connection, ledgerId: store.ledgerId)
        let rows = try q.balances(accountPrefix: account, asOf: date.map { Self.day($0).endOfDay })
        return rows.first { $0.account == account && $0.debits.currency == ccy }?.balance.minorUnits ?? 0
    }

    /// The ledger nets to zero per currency, the chain and the projections verify.
    func expectBooksBalanceAndVerify(sourceLocation: SourceLocation = #_sourceLocation) throws {
        _ = try ProjectionService(store: store).runOnce()
        let q = ProjectionQueries(connection: store.connection, ledgerId: store.ledgerId)
        for t in try q.trialBalance() { #expect(t.net == 0, "trial balance \(t.currency) nets \(t.net)", sourceLocation: sourceLocation) }
        _ = try ChainVerifier(store: store).run()
        _ = try ProjectionVerifier(store: store).run()
    }

    func eventCount(_ type: String) throws -> Int64 {
        try store.connection.execute("SELECT count(*) FROM ledger.events WHERE ledger_id = $1 AND event_type = $2",
                                     [.text(store.ledgerId), .text(type)]).int64(0, 0)
    }
}
