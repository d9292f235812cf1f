import Money
import VisaSettlement

/// What one `reconcile` did (RECONCILIATION.md "Report"): counts per outcome, amounts per
/// currency, the net check and time per phase; or why the file was rejected or refused.
public struct ReconReport: Sendable {
    /// SHA-256 of the file's bytes, hex.
    public var fileId: String
    public var alreadyImported = false
    public var dryRun = false
    public var processingDate: CalendarDay?
    public var records = 0
    /// Transactions per TC ("05" … "20"), as counted by the validating pass.
    public var transactions: [String: Int] = [:]
    public var skippedRecords: [String: Int] = [:]
    public var outcomes: [ReconOutcome: Int] = [:]
    public var netChecks: [VisaNetCheck] = []
    /// Σ destination amounts of the matched lines, per settlement currency.
    public var matchedSettled: [Currency: Int64] = [:]
    /// Σ what the opened exceptions are about, per currency.
    public var exceptionAmounts: [Currency: Int64] = [:]
    public var exceptionsOpened = 0
    public var eventsAppended = 0
    /// Set when the processing date lies in a closed period: the file's events are booked at the
    /// first open instant instead (00:00 UTC of the day after the closed date), and the report
    /// says so.
    public var bookedLate: (at: Timestamp, closedThrough: CalendarDay)?
    /// Seconds per phase: parse, index, match, append.
    public var phases: [(name: String, seconds: Double)] = []
    /// Set when the file was invalid: nothing was imported.
    public var rejection: VisaFileRejection?
    /// Set when a valid file was refused (another file holds its identity): nothing was imported.
    public var refusal: String?
    /// The stored report of an earlier import of the same bytes (alreadyImported).
    public var earlierReport: String?

    public init(fileId: String) { self.fileId = fileId }

    public static let transactionCodes = ["05", "06", "15", "25", "35", "10", "20"]

    /// 0 when everything matched, 1 when exceptions were opened or the file was rejected or
    /// refused (an already-imported file did nothing: 0).
    public var exitCode: Int32 {
        if alreadyImported { return 0 }
        if rejection != nil || refusal != nil { return 1 }
        return exceptionsOpened > 0 ? 1 : 0
    }

    public var json: String { json(includePhases: true) }

    /// The report document: RECONCILIATION.md's shape, plus dryRun, exceptionsOpened,
    /// eventsAppended, amounts, netChecks (every settlement currency; netCheck is the first) and
    /// phases; a rejected file carries `rejected` and located `errors` instead of outcomes.
    public func json(includePhases: Bool) -> String {
        if let earlierReport { return Self.markAlreadyImported(earlierReport) }
        var fields: [(String, String)] = [
            ("fileId", ReconJSON.string(fileId)),
            ("alreadyImported", alreadyImported ? "true" : "false"),
            ("dryRun", dryRun ? "true" : "false"),
            ("processingDate", processingDate.map { ReconJSON.string($0.text) } ?? "null"),
            ("records", String(records)),
        ]
        if let rejection {
            fields.append(("rejected", "true"))
            fields.append(("errors", ReconJSON.array(rejection.errors.map { e in
                ReconJSON.object([("record", String(e.record)), ("positions", ReconJSON.string(e.positions)),
                                  ("field", ReconJSON.string(e.field)), ("message", ReconJSON.string(e.message))])
            })))
            return ReconJSON.object(fields)
        }
        if let refusal {
            fields.append(("rejected", "true"))
            fields.append(("errors", ReconJSON.array([ReconJSON.object([("record", "1"), ("positions", ReconJSON.string("3-13, 77-79")),
                                                                        ("field", ReconJSON.string("header")),
                                                                        ("message", ReconJSON.string(refusal))])])))
            return ReconJSON.object(fields)
        }
        fields.append(("transactions", ReconJSON.object(Self.transactionCodes.map { ($0, String(transactions[$0] ?? 0)) })))
        fields.append(("skippedRecords", ReconJSON.object(skippedRecords.sorted { $0.key < $1.key }.map { ($0.key, String($0.value)) })))
        fields.append(("outcomes", ReconJSON.object(ReconOutcome.allCases.map { ($0.rawValue, String(outcomes[$0] ?? 0)) })))
        fields.append(("netCheck", netChecks.first.map(Self.json) ?? "null"))
        fields.append(("netChecks", ReconJSON.array(netChecks.map(Self.json))))
        fields.append(("exceptionsOpened", String(exceptionsOpened)))
        fields.append(("eventsAppended", String(eventsAppended)))
        if let bookedLate {
            fields.append(("bookedAt", ReconJSON.string(bookedLate.at.rfc3339)))
            fields.append(("closedThrough", ReconJSON.string(bookedLate.closedThrough.text)))
        }
        let currencies = Set(matchedSettled.keys).union(exceptionAmounts.keys).sorted()
        fields.append(("amounts", ReconJSON.array(currencies.map { c in
            ReconJSON.object([("currency", ReconJSON.string(c.code)),
                              ("matchedSettled", ReconJSON.string(Amount(minorUnits: matchedSettled[c] ?? 0, currency: c).decimalString)),
                              ("exceptions", ReconJSON.string(Amount(minorUnits: exceptionAmounts[c] ?? 0, currency: c).decimalString))])
        })))
        if includePhases {
            fields.append(("phases", ReconJSON.object(phases.map { ($0.name, String(format3($0.seconds))) })))
        }
        return ReconJSON.object(fields)
    }

    static func json(_ check: VisaNetCheck) -> String {
        func pair(_ p: VisaNetCheck.Pair) -> String {
            ReconJSON.object([("reported", ReconJSON.string(VisaAmount.decimal(p.reported, check.currency))),
                              ("computed", ReconJSON.string(VisaAmount.decimal(p.computed, check.currency)))])
        }
        return ReconJSON.object([("currency", ReconJSON.string(check.currency.code)), ("interchange", pair(check.interchange)),
                                 ("fees", pair(check.fees)), ("total", pair(check.total)), ("ok", check.ok ? "true" : "false")])
    }

    /// The stored report of the first import, marked as already imported.
    static func markAlreadyImported(_ stored: String) -> String {
        guard let range = stored.range(of: "\"alreadyImported\":false") else { return stored }
        return stored.replacingCharacters(in: range, with: "\"alreadyImported\":true")
    }
}

/// Seconds with three decimals, without Foundation.
func format3(_ seconds: Double) -> String {
    let millis = Int64((seconds * 1000).rounded())
    let whole = millis / 1000, frac = millis % 1000
    return "\(whole).\(frac < 10 ? "00" : frac < 100 ? "0" : "")\(frac)"
}
