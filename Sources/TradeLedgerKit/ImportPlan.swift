import LedgerDomain
import Money
import Reconciliation

/// Everything one import will append and write, once every line is decided.
struct ImportPlan {
    let fileId: String
    let processingDate: CalendarDay
    var index: LedgerIndex
    var bookings: ReconBookings
    /// Chargebacks, chargeback reversals, subsidy reversals and fundings, decided against `state`.
    var decided: [PendingEvent] = []
    var state = LedgerState()
    /// Where the matched items and fees booked after the file's pass go (chargeback conversions,
    /// the VSS-110 fees): the sink the engine booked into.
    let sink: (any BookingSink)?

    init(fileId: String, processingDate: CalendarDay, index: LedgerIndex, bookings: ReconBookings, state: LedgerState,
         closedThrough: CalendarDay?, sink: (any BookingSink)?) {
        self.fileId = fileId
        self.processingDate = processingDate
        self.index = index
        self.bookings = bookings
        self.state = state
        self.closedThrough = closedThrough
        self.sink = sink
    }

    /// The latest closed date when the import began (`PeriodClosed` on `ledger-periods`).
    var closedThrough: CalendarDay?

    /// Business time of every event of the file: its processing date, 00:00 UTC; or, when that
    /// day is closed, the first open instant (00:00 UTC of the day after the closed date).
    var effectiveAt: Timestamp { Self.effectiveAt(processingDate: processingDate, closedThrough: closedThrough) }

    static func effectiveAt(processingDate: CalendarDay, closedThrough: CalendarDay?) -> Timestamp {
        guard let closed = closedThrough, closed >= processingDate else { return processingDate.startOfDay }
        return Timestamp(microsecondsSinceEpoch: closed.endOfDay.microsecondsSinceEpoch + 1)
    }

    func fill(_ report: inout ReconReport) {
        if effectiveAt != processingDate.startOfDay, let closed = closedThrough { report.bookedLate = (effectiveAt, closed) }
        for outcome in ReconOutcome.allCases { report.outcomes[outcome] = bookings.count(outcome) }
        report.exceptionsOpened = bookings.exceptions.count
        for (currency, minor) in bookings.presentedSettled { report.matchedSettled[currency, default: 0] += minor }
        for e in bookings.exceptions { if let a = e.amount { report.exceptionAmounts[a.currency, default: 0] += a.minorUnits } }
    }
}
