/// Hand-written commands for cases checked by hand: NDJSON lines as `tradeledger submit` reads
/// them, shared by the test targets.
public enum Cmd {
    public static func party(_ id: String, seller: Bool, country: String, kind: String = "smb", n: String) -> String {
        seller
            ? #"{"type":"RegisterParty","commandId":"\#(n)","partyId":"\#(id)","name":"Seller \#(id)","kind":"\#(kind)","roles":["seller"],"country":"\#(country)","settlementCurrency":"CNY","commissionBps":200,"at":"2026-05-01T00:00:00Z"}"#
            : #"{"type":"RegisterParty","commandId":"\#(n)","partyId":"\#(id)","name":"Buyer \#(id)","kind":"\#(kind)","roles":["buyer"],"country":"\#(country)","at":"2026-05-01T00:00:00Z"}"#
    }
    public static func funder(_ id: String, n: String) -> String {
        #"{"type":"RegisterParty","commandId":"\#(n)","partyId":"\#(id)","name":"Funder \#(id)","kind":"enterprise","roles":["funder"],"country":"US","at":"2026-05-01T00:00:00Z"}"#
    }
    public static func card(_ binding: String, party: String, n: String) -> String {
        #"{"type":"BindCard","commandId":"\#(n)","bindingId":"\#(binding)","partyId":"\#(party)","token":"4000000000000001","panLast4":"0001","expiry":"12/29","at":"2026-05-01T00:00:00Z"}"#
    }
    public static func program(_ id: String, budget: String, n: String) -> String {
        #"{"type":"LaunchSubsidyProgram","commandId":"\#(n)","programId":"\#(id)","funderId":"VISA","currency":"HKD","budget":"\#(budget)","rateBps":300,"capPerPayment":"50.00","minSpend":"10.00","buyerCountries":["HK"],"validFrom":"2026-05-01","validTo":"2026-05-31","at":"2026-05-01T00:00:00Z"}"#
    }
    public static func invoice(_ id: String, seller: String = "M1", buyer: String = "B1", price: String, qty: Int = 1, issued: String = "2026-05-10",
                        due: String = "2026-05-31", at: String, n: String) -> String {
        #"{"type":"IssueInvoice","commandId":"\#(n)","invoiceId":"\#(id)","sellerId":"\#(seller)","buyerId":"\#(buyer)","currency":"HKD","lines":[{"description":"goods","quantity":\#(qty),"unitPrice":"\#(price)"}],"issueDate":"\#(issued)","dueDate":"\#(due)","at":"\#(at)"}"#
    }
    public static func capture(_ payment: String, invoice: String, amount: String, binding: String = "BND1", at: String, n: String) -> String {
        #"{"type":"CaptureCardPayment","commandId":"\#(n)","paymentId":"\#(payment)","invoiceId":"\#(invoice)","bindingId":"\#(binding)","amount":"\#(amount)","currency":"HKD","arn":"74123456135000000000009","authCode":"A1B2C3","visaTransactionId":"300000000000000","at":"\#(at)"}"#
    }
    public static func transfer(_ payment: String, invoice: String, amount: String, at: String, n: String) -> String {
        #"{"type":"RecordBankTransfer","commandId":"\#(n)","paymentId":"\#(payment)","invoiceId":"\#(invoice)","amount":"\#(amount)","currency":"HKD","bankReference":"REF-\#(payment)","at":"\#(at)"}"#
    }
    public static func refund(_ refund: String, payment: String, amount: String, at: String, n: String) -> String {
        #"{"type":"RefundCardPayment","commandId":"\#(n)","refundId":"\#(refund)","paymentId":"\#(payment)","amount":"\#(amount)","arn":"74123456135000000000009","at":"\#(at)"}"#
    }
    public static func credit(_ id: String, invoice: String, amount: String, at: String, n: String) -> String {
        #"{"type":"IssueCreditNote","commandId":"\#(n)","creditNoteId":"\#(id)","invoiceId":"\#(invoice)","amount":"\#(amount)","reason":"damaged goods","at":"\#(at)"}"#
    }

    /// Merchant M1 (CN), buyers B1 (HK) and B2 (TW), cards, the VISA funder and programme P1.
    public static let setup = [
        party("M1", seller: true, country: "CN", n: "s1"), party("B1", seller: false, country: "HK", n: "s2"),
        party("B2", seller: false, country: "TW", n: "s3"), funder("VISA", n: "s4"),
        card("BND1", party: "B1", n: "s5"), card("BND2", party: "B2", n: "s6"), program("P1", budget: "100.00", n: "s7"),
    ]

    /// The projections' hand-checked ledger: six invoices, each ending in another status (I1
    /// issued, I2 partly paid, I3 paid by card, I4 credited, I5 paid and refunded, I6 paid and
    /// credited), two of the payments subsidised and one of those refunded in full.
    public static let handChecked = Cmd.setup + [
        Cmd.invoice("I1", price: "100.00", at: "2026-05-15T01:00:00Z", n: "i1"),
        Cmd.invoice("I2", price: "100.00", at: "2026-05-15T01:00:00Z", n: "i2"),
        Cmd.invoice("I3", price: "100.00", at: "2026-05-15T01:00:00Z", n: "i3"),
        Cmd.invoice("I4", price: "100.00", at: "2026-05-15T01:00:00Z", n: "i4"),
        Cmd.invoice("I5", price: "100.00", at: "2026-05-15T01:00:00Z", n: "i5"),
        Cmd.invoice("I6", price: "100.00", at: "2026-05-15T01:00:00Z", n: "i6"),
        Cmd.capture("P3", invoice: "I3", amount: "100.00", at: "2026-05-15T03:00:00Z", n: "p3"),
        Cmd.capture("P5", invoice: "I5", amount: "100.00", at: "2026-05-15T04:00:00Z", n: "p5"),
        Cmd.refund("R5", payment: "P5", amount: "100.00", at: "2026-05-15T05:00:00Z", n: "r5"),
        Cmd.transfer("T2", invoice: "I2", amount: "40.00", at: "2026-05-15T06:00:00Z", n: "t2"),
        Cmd.transfer("T6", invoice: "I6", amount: "60.00", at: "2026-05-15T07:00:00Z", n: "t6"),
        Cmd.credit("C6", invoice: "I6", amount: "40.00", at: "2026-05-15T07:30:00Z", n: "c6"),
        Cmd.credit("C4", invoice: "I4", amount: "100.00", at: "2026-05-15T08:00:00Z", n: "c4"),
    ]
}
