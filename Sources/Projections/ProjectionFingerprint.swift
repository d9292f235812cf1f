import Crypto
import LibPQ
import Money

/// A SHA-256 over a projection's rows in key order, as text lines (the same text whether the
/// rows come from the database or from an in-memory replay). The journals are not part of it;
/// `verify` checks the balances journal against the balances and the invoices journal against
/// the invoice rows separately.
enum ProjectionFingerprint {
    static func sql(_ projection: ProjectionName) -> String {
        switch projection {
        case .balances:
            return """
                SELECT string_agg(format('%s|%s|%s|%s', account, currency, debits_minor, credits_minor), E'\\n'
                                  ORDER BY account COLLATE "C", currency COLLATE "C")
                  FROM proj.balances WHERE ledger_id = $1 AND generation = $2
                """
        case .invoices:
            return """
                SELECT string_agg(format('%s|%s|%s|%s|%s|%s|%s|%s|%s|%s', invoice_id, seller_id, buyer_id, currency, total_minor,
                                         paid_minor, credited_minor, refunded_minor, issue_date, due_date), E'\\n'
                                  ORDER BY invoice_id COLLATE "C")
                  FROM proj.invoices WHERE ledger_id = $1 AND generation = $2
                """
        case .subsidies:
            return """
                SELECT concat_ws(E'\\n',
                  (SELECT string_agg(format('P|%s|%s|%s|%s|%s|%s|%s|%s', program_id, currency, budget_minor, granted_minor,
                                            reversed_minor, claimed_minor, funded_minor, grants), E'\\n' ORDER BY program_id COLLATE "C")
                     FROM proj.subsidy_programs WHERE ledger_id = $1 AND generation = $2),
                  (SELECT string_agg(format('M|%s|%s|%s|%s', program_id, merchant_id, currency, net_minor), E'\\n'
                                     ORDER BY program_id COLLATE "C", merchant_id COLLATE "C")
                     FROM proj.subsidy_merchants WHERE ledger_id = $1 AND generation = $2))
                """
        }
    }

    /// The fingerprint of stored rows, hashed by the server (the client's memory does not grow
    /// with the projection's size).
    static func stored(_ c: PGConnection, ledger: String, projection: ProjectionName, generation: Int64) throws -> String {
        let r = try c.execute("SELECT encode(sha256(convert_to(coalesce((\(sql(projection))), ''), 'UTF8')), 'hex')",
                              [.text(ledger), .int8(generation)], resultFormat: .text)
        return try r.string(0, 0)
    }

    static func hash(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The same text from an in-memory replay of the whole log (a `PageDelta` over every event).
    static func replayed(_ d: PageDelta) -> String {
        var lines: [String] = []
        switch d.projection {
        case .balances:
            for k in d.balances.keys.sorted(by: { ($0.account, $0.currency) < ($1.account, $1.currency) }) {
                lines.append("\(k.account)|\(k.currency)|\(d.balances[k]!.debits)|\(d.balances[k]!.credits)")
            }
        case .invoices:
            for i in d.newInvoices.sorted(by: { $0.invoiceId < $1.invoiceId }) {
                let s = d.invoiceSums[i.invoiceId] ?? PageDelta.InvoiceSums()
                lines.append("\(i.invoiceId)|\(i.sellerId)|\(i.buyerId)|\(i.currency)|\(i.total)|\(s.paid)|\(s.credited)|\(s.refunded)|\(i.issueDate.text)|\(i.dueDate.text)")
            }
        case .subsidies:
            for p in d.newPrograms.sorted(by: { $0.programId < $1.programId }) {
                let s = d.programSums[p.programId] ?? PageDelta.ProgramSums()
                lines.append("P|\(p.programId)|\(p.currency)|\(p.budget)|\(s.granted)|\(s.reversed)|\(s.claimed)|\(s.funded)|\(s.grants)")
            }
            for k in d.merchantNet.keys.sorted(by: { ($0.programId, $0.merchantId) < ($1.programId, $1.merchantId) }) {
                lines.append("M|\(k.programId)|\(k.merchantId)|\(d.merchantNet[k]!.currency)|\(d.merchantNet[k]!.net)")
            }
        }
        return hash(lines.joined(separator: "\n"))
    }
}
