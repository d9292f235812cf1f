import Money

/// One ledger item that a settlement-file line matched (or, for TC 25, un-matched), as listed by
/// `SettlementItemsMatched`: the evidence an operator sees and what its postings derive from.
///
/// `amount` is the ledger item's amount in the transaction currency (equal to the line's source
/// amount: a line whose amount differs is an exception, not a match); `settled` is the line's
/// destination amount in the settlement currency.
public struct SettlementItem: Sendable, Hashable {
    /// What the line did to the item.
    public enum Action: String, Sendable, Hashable, CaseIterable {
        /// TC 05 presented a capture: clearing → settlement.
        case presentCapture = "present_capture"
        /// TC 06 presented a refund: settlement → clearing.
        case presentRefund = "present_refund"
        /// TC 25 reversed an earlier presentment of a capture: settlement → clearing, and the
        /// capture is matchable again.
        case reverseCapture = "reverse_capture"
        /// TC 15 settled in another currency than the payment's: `ChargebackReceived` credits
        /// settlement in the payment currency; this moves that credit to the settlement currency
        /// through fx/position.
        case convertChargeback = "convert_chargeback"
        /// TC 35 settled in another currency: the mirror of `convertChargeback`.
        case convertChargebackReversal = "convert_chargeback_reversal"

        /// +1 when the line debits scheme/visa/settlement.
        var settlementSign: Int64 {
            switch self {
            case .presentCapture, .convertChargebackReversal: 1
            case .presentRefund, .reverseCapture, .convertChargeback: -1
            }
        }

        var isConversion: Bool { self == .convertChargeback || self == .convertChargebackReversal }
    }

    public var record: Int64
    public var action: Action
    /// The payment id (captures) or refund id (refunds).
    public var itemId: String
    public var paymentId: String
    /// "arn", "visa_transaction_id", "fallback" or "manual".
    public var stage: String
    /// The keys that agreed, e.g. ["arn"] or ["tokenRef", "authCode", "sourceAmount", "purchaseDate"].
    public var keys: [String]
    public var amount: Amount
    public var settled: Amount

    public init(record: Int64, action: Action, itemId: String, paymentId: String, stage: String, keys: [String],
                amount: Amount, settled: Amount) {
        precondition(amount.isPositive && settled.minorUnits >= 0, "item amounts are positive magnitudes")
        self.record = record
        self.action = action
        self.itemId = itemId
        self.paymentId = paymentId
        self.stage = stage
        self.keys = keys
        self.amount = amount
        self.settled = settled
    }

    /// This item's signed legs (a conversion: only the move of a chargeback's settlement leg into
    /// the settlement currency): settlement gets `settled` (in its currency), clearing gives up
    /// `amount`; across currencies both legs pass through fx/position. In one currency the two
    /// amounts are equal (a precondition: a difference would be an exception).
    func legs() -> [Posting] {
        let sign = action.settlementSign
        if action.isConversion {
            precondition(settled.currency != amount.currency, "a conversion is between two currencies")
            return [Posting(account: Account.visaSettlement, currency: amount.currency, amountMinor: -sign * amount.minorUnits),
                    Posting(account: Account.fxPosition, currency: amount.currency, amountMinor: sign * amount.minorUnits),
                    Posting(account: Account.fxPosition, currency: settled.currency, amountMinor: -sign * settled.minorUnits),
                    Posting(account: Account.visaSettlement, currency: settled.currency, amountMinor: sign * settled.minorUnits)]
        }
        var legs = [Posting(account: Account.visaSettlement, currency: settled.currency, amountMinor: sign * settled.minorUnits)]
        if settled.currency != amount.currency {
            legs.append(Posting(account: Account.fxPosition, currency: settled.currency, amountMinor: -sign * settled.minorUnits))
            legs.append(Posting(account: Account.fxPosition, currency: amount.currency, amountMinor: sign * amount.minorUnits))
        } else {
            precondition(settled == amount, "a matched line in one currency settles its ledger amount")
        }
        legs.append(Posting(account: Account.visaClearing, currency: amount.currency, amountMinor: -sign * amount.minorUnits))
        return legs
    }

    func write(to writer: inout CanonicalJSONWriter) {
        writer.beginObject()
        writer.field("action", action.rawValue)
        writer.field("amount", amount)
        writer.field("currency", amount.currency)
        writer.field("itemId", itemId)
        writer.field("keys", keys)
        writer.field("paymentId", paymentId)
        writer.field("record", record)
        writer.field("settled", settled)
        writer.field("settledCurrency", settled.currency)
        writer.field("stage", stage)
        writer.endObject()
    }

    init(reading reader: inout FieldReader) throws(FieldProblem) {
        let currency = try reader.currency("currency")
        let settledCurrency = try reader.currency("settledCurrency")
        self.init(record: try reader.int("record", range: 1...Int64.max), action: try reader.enumeration("action", Action.self),
                  itemId: try reader.id("itemId"), paymentId: try reader.id("paymentId"), stage: try reader.string("stage"),
                  keys: try reader.optionalStringArray("keys", countMax: 8) ?? [],
                  amount: try reader.amount("amount", currency: currency, sign: .positive),
                  settled: try reader.amount("settled", currency: settledCurrency, sign: .nonNegative))
        try reader.finish()
    }
}
