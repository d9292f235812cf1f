import Money
import VisaSettlement

extension ReconReport {
    /// The human summary: counts per outcome, amounts per currency, the net check, time per phase.
    public var text: String {
        if earlierReport != nil {
            return "settlement file \(fileId.prefix(16))… was already imported; nothing appended. Earlier result:\n"
                + Self.markAlreadyImported(earlierReport!)
        }
        if let rejection {
            var lines = ["settlement file \(fileId.prefix(16))… rejected, nothing imported: \(rejection.errors.count) error(s)"
                         + (rejection.errorsLimitReached ? " (stopped at \(VisaLimits.errorsMax))" : "")]
            for e in rejection.errors { lines.append("  \(e.description)") }
            return lines.joined(separator: "\n")
        }
        if let refusal { return "settlement file \(fileId.prefix(16))… refused, nothing imported: \(refusal)" }
        var lines: [String] = []
        lines.append("settlement file \(fileId.prefix(16))…, processing date \(processingDate?.text ?? "?"), \(records) records"
                     + (dryRun ? " (dry run: nothing appended)" : ""))
        if let bookedLate {
            lines.append("booked at \(bookedLate.at.rfc3339), the first open instant: the ledger is closed through \(bookedLate.closedThrough.text)")
        }
        lines.append("transactions: " + Self.transactionCodes.map { "TC \($0) \(transactions[$0] ?? 0)" }.joined(separator: ", ")
                     + (skippedRecords.isEmpty ? "" : "; skipped " + skippedRecords.sorted { $0.key < $1.key }.map { "TC \($0.key) \($0.value)" }.joined(separator: ", ")))
        lines.append("outcomes:")
        for outcome in ReconOutcome.allCases {
            lines.append("  " + outcome.rawValue.padding(26) + String(outcomes[outcome] ?? 0))
        }
        let currencies = Set(matchedSettled.keys).union(exceptionAmounts.keys).sorted()
        if !currencies.isEmpty {
            lines.append("amounts:")
            for c in currencies {
                lines.append("  \(c.code) matched (settled) \(Amount(minorUnits: matchedSettled[c] ?? 0, currency: c).decimalString), in exceptions \(Amount(minorUnits: exceptionAmounts[c] ?? 0, currency: c).decimalString)")
            }
        }
        for check in netChecks {
            func show(_ p: VisaNetCheck.Pair) -> String {
                p.ok ? VisaAmount.decimal(p.reported, check.currency)
                    : "\(VisaAmount.decimal(p.reported, check.currency)) reported, \(VisaAmount.decimal(p.computed, check.currency)) computed"
            }
            lines.append("net check \(check.currency.code): \(check.ok ? "ok" : "MISMATCH"), I \(show(check.interchange)), F \(show(check.fees)), C \(VisaAmount.decimal(check.charges, check.currency)), T \(show(check.total))")
        }
        lines.append("exceptions opened: \(exceptionsOpened); events appended: \(eventsAppended)")
        if !phases.isEmpty {
            lines.append("time: " + phases.map { "\($0.name) \(format3($0.seconds)) s" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}
