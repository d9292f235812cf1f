import Crypto
import EventStore
import LedgerDomain
import LibPQ
import Money
import Projections
import Settlement

extension Bench {
    /// Currencies each bench merchant is owed in (all settle in CNY, so every payout converts).
    static let settleCurrencies: [(code: String, rate: String)] = [("HKD", "0.9213132992"), ("TWD", "0.2236109299"), ("USD", "7.1946707591")]

    /// `settle-setup`: `merchants` sellers (CNY), each with a bank transfer received in HKD, TWD
    /// and USD on 2026-05-15, and the three rates to CNY: events appended directly through the
    /// bulk path (untimed, in its own process), then the projections caught up.
    public static func settleSetup(url: String, merchants: Int) throws {
        let store = try appStore(url)
        let day = try CalendarDay(parsing: "2026-05-15")
        var requests: [AppendRequest] = []
        func add(_ id: String, _ event: DomainEvent) {
            requests.append(AppendRequest(commandId: id, requestHash: Array(SHA256.hash(data: Array(id.utf8))),
                                          expectations: [event.streamId: .noStream],
                                          events: [NewEvent(streamId: event.streamId, eventType: event.eventType,
                                                            schemaVersion: Int32(event.schemaVersion), body: event.canonicalJSON(),
                                                            effectiveAt: PGTimestamp(microsecondsSinceUnixEpoch: event.effectiveAt.microsecondsSinceEpoch))]))
        }
        func flush(force: Bool) throws {
            if requests.count >= 5_000 || (force && !requests.isEmpty) { try store.appendBulk(requests); requests.removeAll() }
        }
        let at = day.startOfDay.adding(seconds: 3_600)
        for (code, rate) in settleCurrencies {
            let c = Currency(code: code)!
            add("rate-\(code)", .fxRateRecorded(FxRateRecorded(base: c, quote: Currency(code: "CNY")!, rate: try FxRate(parsing: rate),
                                                               asOf: day.startOfDay, source: "bench", effectiveAt: day.startOfDay)))
        }
        for m in 0..<merchants {
            let id = "M\(m)"
            add("party-\(id)", .partyRegistered(PartyRegistered(partyId: id, name: "Bench seller \(m)", kind: .smb, roles: [.seller],
                                                                country: "CN", settlementCurrency: Currency(code: "CNY")!,
                                                                commissionBps: 150, effectiveAt: day.startOfDay)))
            for (k, (code, _)) in settleCurrencies.enumerated() {
                let c = Currency(code: code)!
                let amount = Amount(minorUnits: Int64(10_000 + (m * 7 + k * 13) % 90_000), currency: c)
                let commission = Amount(minorUnits: amount.minorUnits * 150 / 10_000, currency: c)
                add("pay-\(id)-\(code)", .paymentReceived(PaymentReceived(paymentId: "\(id)-\(code)", invoiceId: "I-\(id)-\(code)", buyerId: "B1",
                                                                          sellerId: id, amount: amount, commission: commission,
                                                                          bankReference: "bench", effectiveAt: at)))
            }
            try flush(force: false)
        }
        try flush(force: true)
        _ = try ProjectionService(store: store).runOnce()
    }

    /// `settle`: on the database of `settle-setup`, plan and apply 2026-05-15 in-process (the
    /// projection catch-up, the as-of query, the conversions, the bulk appends and the close).
    public static func settleRows(url: String, label: String) throws -> [Row] {
        let store = try appStore(url)
        let start = Clock.monotonicSeconds()
        let outcome = try SettleService(store: store).run(SettleService.Options(date: try CalendarDay(parsing: "2026-05-15")))
        let seconds = Clock.monotonicSeconds() - start
        let paid = outcome.report?.payoutsAppended ?? 0
        precondition(paid == outcome.plan.payouts.count && outcome.plan.skipped.isEmpty, "the bench settlement paid everything once")
        return [Row(name: "settle-\(label)", throughput: Double(paid) / seconds, unit: "payouts/s", peakRssBytes: peakRSSBytes(),
                    count: paid, seconds: seconds)]
    }
}
