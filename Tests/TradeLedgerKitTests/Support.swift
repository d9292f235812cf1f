import EventStore
import Foundation
import LibPQ
import Projections
import TestSupport
import TradeLedgerKit

let testTokenKey = Array("test-token-key-0123456789abcdef".utf8)

/// Submits NDJSON text in-process; returns the results in input order.
@discardableResult
func submit(_ url: String, _ text: String, batch: Int = SubmitService.batchCommandsMax) throws -> [SubmitService.Result] {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("tl-\(UUID().uuidString).ndjson").path
    FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    defer { try? FileManager.default.removeItem(atPath: path) }
    var input = try CommandInput(path: path)
    var results: [SubmitService.Result] = []
    _ = try SubmitService(store: try openStore(url), tokenKey: testTokenKey, batchCommands: batch).run(&input, emit: { results.append($0) })
    return results
}

/// Hand-written commands for cases checked by hand.
enum Cmd {
    static func party(_ id: String, seller: Bool, country: String, kind: String = "smb", n: String) -> String {
        seller
            ? #"{"type":"RegisterParty","commandId":"\#(n)","partyId":"\#(id)","name":"Seller \#(id)","kind":"\#(kind)","roles":["seller"],"country":"\#(country)","settlementCurrency":"CNY","commissionBps":200,"at":"2026-05-01T00:00:00Z"}"#
            : #"{"type":"RegisterParty","commandId":"\#(n)","partyId":"\#(id)","name":"Buyer \#(id)","kind":"\#(kind)","roles":["buyer"],"country":"\#(country)","at":"2026-05-01T00:00:00Z"}"#
    }
    static func funder(_ id: String, n: String) -> String {
        #"{"type":"RegisterParty","commandId":"\#(n)","partyId":"\#(id)","name":"Funder \#(id)","kind":"enterprise","roles":["funder"],"country":"US","at":"2026-05-01T00:00:00Z"}"#
    }
    static func card(_ binding: String, party: String, n: String) -> String {
        #"{"type":"BindCard","commandId":"\#(n)","bindingId":"\#(binding)","partyId":"\#(party)","token":"4000000000000001","panLast4":"0001","expiry":"12/29","at":"2026-05-01T00:00:00Z"}"#
    }
    static func program(_ id: String, budget: String, n: String) -> String {
        #"{"type":"LaunchSubsidyProgram","commandId":"\#(n)","programId":"\#(id)","funderId":"VISA","currency":"HKD","budget":"\#(budget)","rateBps":300,"capPerPayment":"50.00","minSpend":"10.00","buyerCountries":["HK"],"validFrom":"2026-05-01","validTo":"2026-05-31","at":"2026-05-01T00:00:00Z"}"#
    }
    static func invoice(_ id: String, seller: String = "M1", buyer: String = "B1", price: String, qty: Int = 1, issued: String = "2026-05-10",
                        due: String = "2026-05-31", at: String, n: String) -> String {
        #"{"type":"IssueInvoice","commandId":"\#(n)","invoiceId":"\#(id)","sellerId":"\#(seller)","buyerId":"\#(buyer)","currency":"HKD","lines":[{"description":"goods","quantity":\#(qty),"unitPrice":"\#(price)"}],"issueDate":"\#(issued)","dueDate":"\#(due)","at":"\#(at)"}"#
    }
    static func capture(_ payment: String, invoice: String, amount: String, binding: String = "BND1", at: String, n: String) -> String {
        #"{"type":"CaptureCardPayment","commandId":"\#(n)","paymentId":"\#(payment)","invoiceId":"\#(invoice)","bindingId":"\#(binding)","amount":"\#(amount)","currency":"HKD","arn":"74123456135000000000009","authCode":"A1B2C3","visaTransactionId":"300000000000000","at":"\#(at)"}"#
    }
    static func transfer(_ payment: String, invoice: String, amount: String, at: String, n: String) -> String {
        #"{"type":"RecordBankTransfer","commandId":"\#(n)","paymentId":"\#(payment)","invoiceId":"\#(invoice)","amount":"\#(amount)","currency":"HKD","bankReference":"REF-\#(payment)","at":"\#(at)"}"#
    }
    static func refund(_ refund: String, payment: String, amount: String, at: String, n: String) -> String {
        #"{"type":"RefundCardPayment","commandId":"\#(n)","refundId":"\#(refund)","paymentId":"\#(payment)","amount":"\#(amount)","arn":"74123456135000000000009","at":"\#(at)"}"#
    }
    static func credit(_ id: String, invoice: String, amount: String, at: String, n: String) -> String {
        #"{"type":"IssueCreditNote","commandId":"\#(n)","creditNoteId":"\#(id)","invoiceId":"\#(invoice)","amount":"\#(amount)","reason":"damaged goods","at":"\#(at)"}"#
    }

    /// Merchant M1 (CN), buyers B1 (HK) and B2 (TW), cards, the VISA funder and programme P1.
    static let setup = [
        party("M1", seller: true, country: "CN", n: "s1"), party("B1", seller: false, country: "HK", n: "s2"),
        party("B2", seller: false, country: "TW", n: "s3"), funder("VISA", n: "s4"),
        card("BND1", party: "B1", n: "s5"), card("BND2", party: "B2", n: "s6"), program("P1", budget: "100.00", n: "s7"),
    ]
}
