import EventStore
import LedgerDomain
import Money

/// Plans the subsidy claims of a date: per programme, the net subsidy (granted − reversed +
/// restored) with business time up to the end of the date, less what claims of earlier dates
/// claimed. A claim the date already has (an earlier run) is planned as it was. A net that is
/// zero or negative (more reversed than granted since the last claim) is not claimed; it is
/// carried forward against later grants. Reads each programme stream page by page.
struct SubsidyClaimPlanner {
    let store: EventStore
    static let pageEventsMax = 5_000

    func plan(date: CalendarDay) throws -> [PlannedClaim] {
        let end = date.endOfDay
        var claims: [PlannedClaim] = []
        let programmes = try store.streamIds(ofType: StreamID.subsidyType)
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for streamId in programmes {
            var launched: SubsidyProgramLaunched? = nil
            var netMinor: Int64 = 0
            var claimedMinor: Int64 = 0
            var existing: SubsidyClaimSubmitted? = nil
            var from: Int64 = 1
            while true {
                let page = try store.readStream(streamId, fromVersion: from, limit: Self.pageEventsMax)
                for e in page {
                    let event = try DomainEvent.decode(eventType: e.eventType, schemaVersion: Int(e.schemaVersion), body: e.body)
                    switch event {
                    case .subsidyProgramLaunched(let l): launched = l
                    case .subsidyGranted(let g) where g.effectiveAt <= end: netMinor += g.amount.minorUnits
                    case .subsidyReversed(let r) where r.effectiveAt <= end: netMinor -= r.amount.minorUnits
                    case .subsidyRestored(let r) where r.effectiveAt <= end: netMinor += r.amount.minorUnits
                    case .subsidyClaimSubmitted(let c) where c.settlementDate == date: existing = c
                    case .subsidyClaimSubmitted(let c) where c.settlementDate < date: claimedMinor += c.amount.minorUnits
                    default: break
                    }
                }
                if page.count < Self.pageEventsMax { break }
                from += Int64(page.count)
            }
            guard let launched else { continue }
            if let existing {
                claims.append(PlannedClaim(programId: existing.programId, funderId: existing.funderId, amount: existing.amount,
                                           settlementDate: date, alreadyApplied: true))
                continue
            }
            let amount = netMinor - claimedMinor
            if amount > 0 {
                claims.append(PlannedClaim(programId: launched.programId, funderId: launched.funderId,
                                           amount: Amount(minorUnits: amount, currency: launched.currency), settlementDate: date))
            }
        }
        return claims
    }
}
