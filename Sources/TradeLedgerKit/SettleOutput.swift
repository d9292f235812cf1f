import Money
import Settlement

/// What `settle` prints and writes: the table, the `--json` shape of ARCHITECTURE.md (plus
/// `manifestHash`, `dryRun` and `applied`), and the CSV files for the bank and the funders.
public enum SettleOutput {
    public static func json(_ plan: SettlementPlan, report: SettlementApplier.Report?, includeManifest: Bool = false) -> String {
        var fields: [(String, JSONText.Value)] = [
            ("settlementDate", .string(plan.settlementDate.text)),
            ("payouts", .array(plan.payouts.map { p in .object([
                ("merchantId", .string(p.merchantId)), ("currency", .string(p.amount.currency.code)),
                ("amount", .string(p.amount.decimalString)), ("payoutCurrency", .string(p.payoutAmount.currency.code)),
                ("payoutAmount", .string(p.payoutAmount.decimalString)), ("rate", p.rate.map { .string($0.decimalString) } ?? .null),
            ]) })),
            ("skipped", .array(plan.skipped.map { s in .object([
                ("merchantId", .string(s.merchantId)), ("currency", .string(s.currency.code)), ("reason", .string(s.reason.rawValue)),
            ]) })),
            ("subsidyClaims", .array(plan.claims.map { c in .object([
                ("programId", .string(c.programId)), ("currency", .string(c.amount.currency.code)), ("amount", .string(c.amount.decimalString)),
            ]) })),
            ("manifestHash", .string(plan.manifestHash)),
            ("dryRun", .bool(report == nil)),
        ]
        if let report {
            fields.append(("applied", .object([
                ("payoutsAppended", .int(Int64(report.payoutsAppended))), ("payoutsAlreadyApplied", .int(Int64(report.payoutsAlreadyApplied))),
                ("claimsAppended", .int(Int64(report.claimsAppended))), ("claimsAlreadyApplied", .int(Int64(report.claimsAlreadyApplied))),
            ])))
        }
        if includeManifest { fields.append(("manifest", .array(plan.manifestLines.map { .string($0) }))) }
        return JSONText.encode(.object(fields))
    }

    public static func table(_ plan: SettlementPlan, report: SettlementApplier.Report?, closedThrough: CalendarDay?) -> String {
        var out: [String] = []
        out.append("Settlement \(plan.settlementDate.text)\(report == nil ? " (dry run: nothing appended)" : "")")
        out.append("manifest sha256 \(plan.manifestHash)")
        out.append("")
        out.append("Payouts (\(plan.payouts.count))")
        if !plan.payouts.isEmpty {
            out.append(TextTable.render(["merchant", "currency", "amount", "payout ccy", "payout amount", "rate", "payout id", "status"],
                                        plan.payouts.map { p in
                                            [p.merchantId, p.amount.currency.code, p.amount.decimalString, p.payoutAmount.currency.code,
                                             p.payoutAmount.decimalString, p.rate?.decimalString ?? "-", p.payoutId, status(p.alreadyApplied, report)]
                                        }, rightAligned: [2, 4, 5]))
        }
        out.append("")
        out.append("Skipped, carried forward (\(plan.skipped.count))")
        if !plan.skipped.isEmpty {
            out.append(TextTable.render(["merchant", "currency", "balance", "reason", "detail"],
                                        plan.skipped.map { [$0.merchantId, $0.currency.code, $0.balance.decimalString, $0.reason.rawValue, $0.detail] },
                                        rightAligned: [2]))
        }
        out.append("")
        out.append("Subsidy claims (\(plan.claims.count))")
        if !plan.claims.isEmpty {
            out.append(TextTable.render(["program", "funder", "currency", "amount", "claim id", "status"],
                                        plan.claims.map { [$0.programId, $0.funderId, $0.amount.currency.code, $0.amount.decimalString, $0.claimId,
                                                           status($0.alreadyApplied, report)] }, rightAligned: [3]))
        }
        if let report {
            out.append("")
            out.append("applied: \(report.payoutsAppended) payouts appended, \(report.payoutsAlreadyApplied) already paid; \(report.claimsAppended) claims appended, \(report.claimsAlreadyApplied) already submitted")
        }
        if let closedThrough { out.append("the ledger is closed through \(closedThrough.text)") }
        return out.joined(separator: "\n")
    }

    static func status(_ alreadyApplied: Bool, _ report: SettlementApplier.Report?) -> String {
        alreadyApplied ? "already applied" : (report == nil ? "planned" : "appended")
    }

    /// For the bank: merchant, currency, amount, payout currency, payout amount, rate, payout id.
    public static func payoutsCSV(_ plan: SettlementPlan) -> String {
        TextTable.csv(["merchant", "currency", "amount", "payout_currency", "payout_amount", "rate", "payout_id"],
                      plan.payouts.map { [$0.merchantId, $0.amount.currency.code, $0.amount.decimalString, $0.payoutAmount.currency.code,
                                          $0.payoutAmount.decimalString, $0.rate?.decimalString ?? "", $0.payoutId] }) + "\n"
    }

    /// For the funders: one claim per programme.
    public static func claimsCSV(_ plan: SettlementPlan) -> String {
        TextTable.csv(["claim_id", "program", "funder", "currency", "amount", "settlement_date"],
                      plan.claims.map { [$0.claimId, $0.programId, $0.funderId, $0.amount.currency.code, $0.amount.decimalString,
                                         $0.settlementDate.text] }) + "\n"
    }
}
