extension VisaInspection {
    /// The human-readable summary: file identity, counts and totals per TC and currency, VSS-110
    /// lines, the net check, skipped records and errors.
    public var text: String {
        var lines: [String] = []
        let verdict = file == nil ? "REJECTED" : "valid"
        let framing = format.map { $0 == .lines(.crlf) ? "lines (CRLF)" : $0.name } ?? "unknown framing"
        lines.append("Visa settlement file: \(verdict), \(framing)")
        lines.append("  file id          \(fileId)")
        if let h = header {
            lines.append("  processing date  \(h.processingDate)   BIN \(h.processingBIN)   file \(h.fileId)"
                + (h.isTest ? "   TEST" : ""))
        }
        if let file {
            lines.append("  records          \(file.recordCount)")
            lines += transactionLines(file)
            lines += vssLines(file)
            if !file.skipped.isEmpty {
                lines.append("Skipped records")
                for (tc, count) in file.skipped.sorted(by: { $0.key < $1.key }) { lines.append("  TC \(tc)  \(count)") }
            }
        }
        let errors = self.errors
        if !errors.isEmpty {
            let more: Bool
            if case .failure(let r) = result { more = r.errorsLimitReached } else { more = false }
            lines.append("Errors (\(errors.count)\(more ? ", stopped at the limit" : ""))")
            for e in errors { lines.append("  record \(e.record), positions \(e.positions), \(e.field): expected \(e.message)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func transactionLines(_ file: VisaFile) -> [String] {
        var counts: [String: Int] = [:]
        var totals = VisaDestinationTotals()
        for t in file.transactions {
            counts[t.tc, default: 0] += 1
            _ = totals.add(t)  // an overflowed total prints as such (the reader rejects such a file)
        }
        let amounts = totals.totals
        var lines = ["Transactions (count, destination amount per currency)"]
        for (tc, count) in counts.sorted(by: { $0.key < $1.key }) {
            let texts = amounts.filter { $0.tc == tc }.map { entry in
                "\(entry.currency.code) " + (entry.total.map { VisaAmount.decimal($0, entry.currency) } ?? "overflows Int64")
            }
            lines.append("  TC \(tc)  \(count)  " + texts.joined(separator: ", "))
        }
        if counts.isEmpty { lines.append("  none") }
        return lines
    }

    private func vssLines(_ file: VisaFile) -> [String] {
        var lines: [String] = []
        if !file.vss110.isEmpty {
            lines.append("VSS-110")
            for v in file.vss110 {
                lines.append("  \(v.amountType.letter) \(v.currency.code)  count \(v.count)  credit "
                    + "\(VisaAmount.decimal(v.credit, v.currency))  debit \(VisaAmount.decimal(v.debit, v.currency))  "
                    + "net \(VisaAmount.decimal(v.signedNet, v.currency))  settlement \(v.settlementDate)")
            }
        }
        let checks: [VisaNetCheck]
        do throws(VisaSumOverflow) { checks = try VisaNetCheck.checks(file) } catch {
            lines.append("Net check: \(error) (the reader rejects such a file)")
            return lines
        }
        if !checks.isEmpty { lines.append("Net check (reported / computed)") }
        for c in checks {
            func pair(_ p: VisaNetCheck.Pair) -> String {
                "\(VisaAmount.decimal(p.reported, c.currency)) / \(VisaAmount.decimal(p.computed, c.currency))"
            }
            lines.append("  \(c.currency.code)  I \(pair(c.interchange))  F \(pair(c.fees))  "
                + "C \(VisaAmount.decimal(c.charges, c.currency))  T \(pair(c.total))  \(c.ok ? "ok" : "MISMATCH")")
        }
        return lines
    }
}
