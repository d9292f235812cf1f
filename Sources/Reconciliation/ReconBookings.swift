import LedgerDomain
import Money

/// Everything one import decided, line by line, before it is turned into events and rows.
public struct ReconBookings: Sendable {
    /// A line that found no unmatched ledger item: after the stream, one batched lookup of the
    /// items already matched tells a duplicate presentment from one missing in the ledger.
    public struct Leftover: Sendable, Hashable {
        public var record: Int64
        public var tc: String
        public var kind: LedgerItem.Kind
        public var arn: String
        public var visaTransactionId: String?
        public var sign: Int64
        public var source: Amount
        public var settled: Amount
    }

    /// A TC 15 (chargeback) or TC 35 (chargeback reversal) for a known capture, decided by the
    /// service against the payment's state.
    public struct ChargebackLine: Sendable, Hashable {
        public var record: Int64
        public var isReversal: Bool
        public var paymentId: String
        public var arn: String
        public var reasonCode: String
        public var source: Amount
        public var settled: Amount
    }

    /// A TC 20 reason 5300: subsidy funding for a programme.
    public struct FundingLine: Sendable, Hashable {
        public var record: Int64
        public var programId: String
        public var source: Amount
        public var settled: Amount
    }

    /// A `SchemeFeesCharged` to book: positive charges the platform, negative credits it.
    public struct Fee: Sendable, Hashable {
        public var feeId: String
        public var amount: Amount
        public var description: String

        public init(feeId: String, amount: Amount, description: String) {
            self.feeId = feeId
            self.amount = amount
            self.description = description
        }
    }

    /// The matched items, when the engine has no `BookingSink` (otherwise the sink has them).
    public var matchedItems: [SettlementItem] = []
    /// How many items were matched (`SettlementItem`s booked), with or without a sink.
    public var matchedItemCount = 0
    /// Σ settled amount of the matched presentments (TC 05 / 06) per currency, for the report.
    public var presentedSettled: [Currency: Int64] = [:]
    public var exceptions: [ExceptionSpec] = []
    /// missing_in_file exceptions closed by a line of this file: (exception id, payment id).
    public var latePresentments: [(exceptionId: String, paymentId: String)] = []
    public var leftovers: [Leftover] = []
    public var chargebacks: [ChargebackLine] = []
    public var fundings: [FundingLine] = []
    /// The fees, when the engine has no `BookingSink`.
    public var fees: [Fee] = []
    public var feeCount = 0
    /// Matched lines (TC 05 / 06 / 25, and chargebacks of known payments once decided).
    public var matchedLines = 0
    /// Index positions whose match changed in this import → the record that now matches them
    /// (nil: matchable again after a TC 25), with the exception that claimed them, if any.
    public var matchChanges: MatchChanges

    public init(indexCount: Int = 0) { matchChanges = MatchChanges(count: indexCount) }

    /// Books a matched item: counted and summed here, kept by the sink (or here without one).
    public mutating func book(_ item: SettlementItem, to sink: (any BookingSink)?) {
        matchedItemCount += 1
        if item.action == .presentCapture || item.action == .presentRefund {
            presentedSettled[item.settled.currency, default: 0] += item.settled.minorUnits
        }
        if let sink { sink.take(item) } else { matchedItems.append(item) }
    }

    /// Books a fee (`SchemeFeesCharged`), kept by the sink or here.
    public mutating func book(_ fee: Fee, to sink: (any BookingSink)?) {
        feeCount += 1
        if let sink { sink.take(fee) } else { fees.append(fee) }
    }

    public func count(_ outcome: ReconOutcome) -> Int {
        outcome == .matched ? matchedLines : exceptions.reduce(0) { $0 + ($1.outcome == outcome ? 1 : 0) }
    }
}

extension ReconBookings: Equatable {
    public static func == (a: ReconBookings, b: ReconBookings) -> Bool {
        a.matchedItems == b.matchedItems && a.exceptions == b.exceptions && a.leftovers == b.leftovers
            && a.chargebacks == b.chargebacks && a.fundings == b.fundings && a.fees == b.fees && a.matchedLines == b.matchedLines
            && a.matchedItemCount == b.matchedItemCount && a.presentedSettled == b.presentedSettled && a.feeCount == b.feeCount
    }
}
