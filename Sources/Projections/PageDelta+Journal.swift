import LibPQ

extension PageDelta {
    /// The balances journal: one row per posting.
    func copyJournal(_ c: PGConnection, ledger: String, generation: Int64) throws {
        try c.copyIn("""
            COPY proj.journal (ledger_id, generation, seq, posting_no, account, currency, amount_minor, effective_at) FROM STDIN (FORMAT binary)
            """) { w in
            try w.write(PGBinaryCopyEncoder.header)
            for r in journal {
                try w.withBuffer { out in
                    PGBinaryCopyEncoder.beginRow(fields: 8, into: &out)
                    PGBinaryCopyEncoder.appendBytes(ledger.utf8, into: &out)
                    PGBinaryCopyEncoder.appendInt64(generation, into: &out)
                    PGBinaryCopyEncoder.appendInt64(r.seq, into: &out)
                    PGBinaryCopyEncoder.append(.int4(r.postingNo), into: &out)
                    PGBinaryCopyEncoder.appendBytes(r.account.utf8, into: &out)
                    PGBinaryCopyEncoder.appendBytes(r.currency.utf8, into: &out)
                    PGBinaryCopyEncoder.appendInt64(r.amount, into: &out)
                    PGBinaryCopyEncoder.appendTimestamp(PGTimestamp(microsecondsSinceUnixEpoch: r.effectiveAt), into: &out)
                }
            }
            try w.write(PGBinaryCopyEncoder.trailer)
        }
    }

    /// The invoices journal: one row per event that changes an invoice.
    func copyInvoiceJournal(_ c: PGConnection, ledger: String, generation: Int64) throws {
        try c.copyIn("""
            COPY proj.invoice_journal (ledger_id, generation, invoice_id, seq, effective_at, total_minor, paid_minor, credited_minor,
                                       refunded_minor) FROM STDIN (FORMAT binary)
            """) { w in
            try w.write(PGBinaryCopyEncoder.header)
            for r in invoiceJournal {
                try w.withBuffer { out in
                    PGBinaryCopyEncoder.beginRow(fields: 9, into: &out)
                    PGBinaryCopyEncoder.appendBytes(ledger.utf8, into: &out)
                    PGBinaryCopyEncoder.appendInt64(generation, into: &out)
                    PGBinaryCopyEncoder.appendBytes(r.invoiceId.utf8, into: &out)
                    PGBinaryCopyEncoder.appendInt64(r.seq, into: &out)
                    PGBinaryCopyEncoder.appendTimestamp(PGTimestamp(microsecondsSinceUnixEpoch: r.effectiveAt), into: &out)
                    PGBinaryCopyEncoder.appendInt64(r.total, into: &out)
                    PGBinaryCopyEncoder.appendInt64(r.sums.paid, into: &out)
                    PGBinaryCopyEncoder.appendInt64(r.sums.credited, into: &out)
                    PGBinaryCopyEncoder.appendInt64(r.sums.refunded, into: &out)
                }
            }
            try w.write(PGBinaryCopyEncoder.trailer)
        }
    }
}
