import EventStore
import LedgerDomain
import Money
import Projections

/// Computes the plan of a settlement date from the log (DOMAIN.md "Batch settlement"):
///
/// 1. catches the balances projection up with the log, then reads every merchant payable
///    balance as of the end of the date (business time, UTC) from its journal, earlier payouts
///    included;
/// 2. loads the merchants' parties (settlement currency), every payout hold, the FX rate streams
///    the conversions need and the payout streams of this date;
/// 3. a payout this date already has (an earlier, perhaps interrupted, run) is planned as it was
///    appended; every other balance goes through `PayoutRules`;
/// 4. plans the subsidy claims (`SubsidyClaimPlanner`).
///
/// Reads only; appends nothing.
public struct SettlementPlanner {
    public let store: EventStore
    /// `--min-payout`: the smallest owed amount paid out, per payable currency.
    public var minimums: [Currency: Amount]

    public init(store: EventStore, minimums: [Currency: Amount] = [:]) {
        self.store = store
        self.minimums = minimums
    }

    public func plan(date: CalendarDay) throws -> SettlementPlan {
        try ProjectionRunner(store: store).catchUp(.balances)
        let end = date.endOfDay
        let rows = try PayableBalances(connection: store.connection, ledgerId: store.ledgerId).asOf(end)

        var state = LedgerState()
        let folder = StreamFolder(store: store)
        var merchants: [String] = []
        for row in rows where merchants.last != row.merchantId { merchants.append(row.merchantId) }
        try folder.load(merchants.map(StreamID.party), into: &state)
        try folder.load(try store.streamIds(ofType: StreamID.payoutHoldType), into: &state)
        var pairs = Set<String>()
        for row in rows {
            if let target = state.parties[row.merchantId]?.settlementCurrency, target != row.balance.currency {
                pairs.insert(StreamID.fxRate(base: row.balance.currency, quote: target))
            }
        }
        try folder.load(pairs.sorted(), into: &state)
        let payoutIds = rows.map { PayoutID(merchantId: $0.merchantId, currency: $0.balance.currency, date: date).text }
        let existing = try store.streamVersions(payoutIds)
        try folder.load(payoutIds.filter { existing[$0] != nil }, into: &state)

        var payouts: [PlannedPayout] = []
        var skipped: [SkippedPayout] = []
        for (row, payoutId) in zip(rows, payoutIds) {
            if let paid = state.payouts[payoutId]?.paid {
                payouts.append(PlannedPayout(merchantId: paid.merchantId, amount: paid.amount, payoutAmount: paid.payoutAmount,
                                             rate: paid.rate, settlementDate: date, alreadyApplied: true))
                continue
            }
            let party = state.parties[row.merchantId]
            let target = party?.roles.contains(.seller) == true ? party?.settlementCurrency : nil
            let rate = target.flatMap { state.fxRate(base: row.balance.currency, quote: $0, asOf: end)?.rate }
            switch PayoutRules.decide(merchantId: row.merchantId, balance: row.balance, settlementCurrency: target,
                                      held: state.payoutHolds[row.merchantId] != nil, minimum: minimums[row.balance.currency],
                                      rate: rate, date: date) {
            case .pay(let p): payouts.append(p)
            case .skip(let s): skipped.append(s)
            case .nothing: break
            }
        }
        let claims = try SubsidyClaimPlanner(store: store).plan(date: date)
        return SettlementPlan(settlementDate: date, payouts: payouts, skipped: skipped, claims: claims)
    }
}
