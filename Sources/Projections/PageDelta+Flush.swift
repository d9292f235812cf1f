import LibPQ
import Money

extension PageDelta {
    /// Writes the delta into `generation` of the ledger's projection tables: the journals by
    /// binary COPY, inserts, then increments, each one set-based statement.
    func flush(_ c: PGConnection, ledger: String, generation: Int64) throws {
        let l = PGValue.text(ledger), g = PGValue.int8(generation)
        switch projection {
        case .balances:
            if !journal.isEmpty { try copyJournal(c, ledger: ledger, generation: generation) }
            guard !balances.isEmpty else { return }
            let keys = Array(balances.keys)
            try c.execute("""
                INSERT INTO proj.balances (ledger_id, generation, account, currency, debits_minor, credits_minor)
                SELECT $1, $2, u.a, u.c, u.d, u.k FROM unnest($3::text[], $4::text[], $5::int8[], $6::int8[]) AS u(a, c, d, k)
                ON CONFLICT (ledger_id, generation, account, currency) DO UPDATE
                  SET debits_minor = proj.balances.debits_minor + excluded.debits_minor,
                      credits_minor = proj.balances.credits_minor + excluded.credits_minor
                """, [l, g, .textArray(keys.map(\.account)), .textArray(keys.map(\.currency)),
                      .int8Array(keys.map { balances[$0]!.debits }), .int8Array(keys.map { balances[$0]!.credits })])
        case .invoices:
            if !invoiceJournal.isEmpty { try copyInvoiceJournal(c, ledger: ledger, generation: generation) }
            // Amounts for invoices issued in this same delta go into their insert; the rest update.
            var sums = invoiceSums
            let inserted = newInvoices.map { i -> (PageDelta.InvoiceRow, InvoiceSums) in
                (i, sums.removeValue(forKey: i.invoiceId) ?? InvoiceSums())
            }
            if !inserted.isEmpty {
                try c.execute("""
                    INSERT INTO proj.invoices (ledger_id, generation, invoice_id, seller_id, buyer_id, currency, total_minor,
                                               paid_minor, credited_minor, refunded_minor, issue_date, due_date)
                    SELECT $1, $2, u.i, u.s, u.b, u.c, u.t, u.p, u.cr, u.r, u.id::date, u.dd::date
                      FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::int8[], $8::int8[], $9::int8[], $10::int8[],
                                  $11::text[], $12::text[]) AS u(i, s, b, c, t, p, cr, r, id, dd)
                    """, [l, g, .textArray(inserted.map(\.0.invoiceId)), .textArray(inserted.map(\.0.sellerId)),
                          .textArray(inserted.map(\.0.buyerId)), .textArray(inserted.map(\.0.currency)),
                          .int8Array(inserted.map(\.0.total)), .int8Array(inserted.map(\.1.paid)),
                          .int8Array(inserted.map(\.1.credited)), .int8Array(inserted.map(\.1.refunded)),
                          .textArray(inserted.map(\.0.issueDate.text)), .textArray(inserted.map(\.0.dueDate.text))])
            }
            guard !sums.isEmpty else { return }
            let ids = Array(sums.keys)
            try c.execute("""
                UPDATE proj.invoices i SET paid_minor = i.paid_minor + u.p, credited_minor = i.credited_minor + u.c,
                                           refunded_minor = i.refunded_minor + u.r
                  FROM unnest($3::text[], $4::int8[], $5::int8[], $6::int8[]) AS u(id, p, c, r)
                 WHERE i.ledger_id = $1 AND i.generation = $2 AND i.invoice_id = u.id
                """, [l, g, .textArray(ids), .int8Array(ids.map { sums[$0]!.paid }),
                      .int8Array(ids.map { sums[$0]!.credited }), .int8Array(ids.map { sums[$0]!.refunded })])
        case .subsidies:
            if !newPrograms.isEmpty {
                try c.execute("""
                    INSERT INTO proj.subsidy_programs (ledger_id, generation, program_id, currency, budget_minor)
                    SELECT $1, $2, u.p, u.c, u.b FROM unnest($3::text[], $4::text[], $5::int8[]) AS u(p, c, b)
                    """, [l, g, .textArray(newPrograms.map(\.programId)), .textArray(newPrograms.map(\.currency)),
                          .int8Array(newPrograms.map(\.budget))])
            }
            if !programSums.isEmpty {
                let ids = Array(programSums.keys)
                let s = ids.map { programSums[$0]! }
                try c.execute("""
                    UPDATE proj.subsidy_programs p SET granted_minor = p.granted_minor + u.g, reversed_minor = p.reversed_minor + u.r,
                           claimed_minor = p.claimed_minor + u.c, funded_minor = p.funded_minor + u.f, grants = p.grants + u.n
                      FROM unnest($3::text[], $4::int8[], $5::int8[], $6::int8[], $7::int8[], $8::int8[]) AS u(id, g, r, c, f, n)
                     WHERE p.ledger_id = $1 AND p.generation = $2 AND p.program_id = u.id
                    """, [l, g, .textArray(ids), .int8Array(s.map(\.granted)), .int8Array(s.map(\.reversed)),
                          .int8Array(s.map(\.claimed)), .int8Array(s.map(\.funded)), .int8Array(s.map(\.grants))])
            }
            if !merchantNet.isEmpty {
                let keys = Array(merchantNet.keys)
                try c.execute("""
                    INSERT INTO proj.subsidy_merchants (ledger_id, generation, program_id, merchant_id, currency, net_minor)
                    SELECT $1, $2, u.p, u.m, u.c, u.n FROM unnest($3::text[], $4::text[], $5::text[], $6::int8[]) AS u(p, m, c, n)
                    ON CONFLICT (ledger_id, generation, program_id, merchant_id) DO UPDATE
                      SET net_minor = proj.subsidy_merchants.net_minor + excluded.net_minor
                    """, [l, g, .textArray(keys.map(\.programId)), .textArray(keys.map(\.merchantId)),
                          .textArray(keys.map { merchantNet[$0]!.currency }), .int8Array(keys.map { merchantNet[$0]!.net })])
            }
        }
    }
}
