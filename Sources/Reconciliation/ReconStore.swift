import LedgerDomain
import LibPQ
import Money

/// The reconciliation tables of one ledger (schema/011_reconciliation.sql) over the import's
/// connection. Every statement names the ledger; none crosses ledgers.
public struct ReconStore {
    public let connection: PGConnection
    public let ledgerId: String

    public init(connection: PGConnection, ledgerId: String) {
        precondition(ledgerId.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x2E || byte == 0x5F || byte == 0x2D
        } && !ledgerId.isEmpty, "ledger ids are [A-Za-z0-9._-]")
        self.connection = connection
        self.ledgerId = ledgerId
    }

    /// Locks the ledger's reconciliation cursor (in the caller's transaction): imports and manual
    /// matches of one ledger run one at a time. Returns how far recon.items has caught up.
    @discardableResult
    public func lock() throws -> Int64 {
        try connection.execute("INSERT INTO recon.cursors (ledger_id) VALUES ($1) ON CONFLICT (ledger_id) DO NOTHING", [.text(ledgerId)])
        let r = try connection.execute("SELECT last_seq FROM recon.cursors WHERE ledger_id = $1 FOR UPDATE", [.text(ledgerId)])
        return try r.int64(0, 0)
    }

    /// The log head's seq (0 for an empty ledger). Read after `lock`: every event up to it is
    /// committed (the head advances in the appending transaction).
    public func headSeq() throws -> Int64 {
        let r = try connection.execute("SELECT last_seq FROM ledger.log_heads WHERE ledger_id = $1", [.text(ledgerId)])
        return r.rowCount == 1 ? try r.int64(0, 0) : 0
    }

    /// Adds the captures and refunds with seq in (after, through] to recon.items, extracting the
    /// keys from the stored bodies server-side (one statement, no rows through the client), and
    /// moves the cursor. An item is (kind, payment, item id): a refund id is unique within its
    /// payment only (schema/020). An item already there keeps its row (the range is read again
    /// after schema/020 reset the cursors). Used by manual matches, and by the import when it has
    /// no second connection or its copy found such an item (`catchUpAndLoadIndex`).
    public func catchUp(after: Int64, through: Int64) throws -> Int64 {
        guard through > after else { return 0 }
        let r = try connection.execute("""
            INSERT INTO recon.items (\(Self.itemColumns))
            \(itemsFromLog(after: after, through: through)) ORDER BY e.seq
            ON CONFLICT (ledger_id, kind, payment_id, item_id) DO NOTHING
            """)
        try moveCursor(to: through)
        return r.affectedRows
    }

    /// The import's index phase: recon.items caught up through `through`, and the index of
    /// the unmatched items (`loadIndex`). With `source`, a second connection, the catch-up runs on
    /// two backends at once (the first import of a ledger indexes every capture and refund it
    /// holds, 515k rows in the full-scale bench): `source` runs the extraction (the bodies' JSON
    /// parse) as COPY TO STDOUT, and this connection copies the rows into recon.items (the rows
    /// and their primary key) as they arrive. The index is loaded first with the items caught up
    /// so far, and each new row's item is added on its way through, in seq order: the same index
    /// `loadIndex` reads after the catch-up (new items are unmatched, with no exception).
    /// Measured on the full-scale bench (2026-12-04): the single statement 28.8 s, one backend's
    /// CPU all the way; the copy 11.3 s (with schema/019), both backends busy.
    public func catchUpAndLoadIndex(after: Int64, through: Int64, extractingOn source: PGConnection?,
                                    referencedARNs: Set<String>) throws -> LedgerIndex {
        // From 0 over items already there (schema/020 reset the cursors) the copy would run to
        // its end before COPY reports the first conflict: the statement at once instead.
        if let source, through > after, try after > 0 || !hasItems() {
            var index = try loadIndex(referencedARNs: referencedARNs)
            if try copyCatchUp(after: after, through: through, extractingOn: source, into: &index) { return index }
        }
        _ = try catchUp(after: after, through: through)
        return try loadIndex(referencedARNs: referencedARNs)
    }

    /// The two-backend catch-up of `catchUpAndLoadIndex`. COPY has no ON CONFLICT: if an item of
    /// the range is already in recon.items (none should be: the range starts after the cursor),
    /// the copy is rolled back to a savepoint and this returns false, `index` unchanged (the
    /// caller runs the single statement).
    private func copyCatchUp(after: Int64, through: Int64, extractingOn source: PGConnection,
                             into index: inout LedgerIndex) throws -> Bool {
        precondition(source !== connection, "the extraction runs on a second connection")
        try connection.execute("SAVEPOINT recon_catch_up")
        // No ORDER BY: a sort on the server would hold every row back until the last is parsed,
        // and the two backends would take turns. The rows come in the heap's order, which is not
        // seq order (2,977 descents in the bench's 515k), so they are sorted here (the runs are
        // long: Swift's sort merges them) before they go into the index.
        var items: [(seq: Int64, item: LedgerItem)] = []
        do {
            try connection.copyIn("COPY recon.items (\(Self.itemColumns)) FROM STDIN") { w in
                try source.copyOut("COPY (\(itemsFromLog(after: after, through: through))) TO STDOUT") { row in
                    try w.withBuffer { $0.append(contentsOf: row) }
                    guard let f = CopyText.parse(row), f.count == 12, let seqText = f[11], let seq = Int64(seqText),
                          let item = Self.item(f[1...10], missingException: nil, missingExceptionOpen: false, matchedBefore: false,
                                               heldInClearing: false) else {
                        throw ReconStoreError("the log holds a capture or refund reconciliation cannot read: \(String(decoding: row.prefix(80), as: UTF8.self))")
                    }
                    items.append((seq, item))
                }
            }
        } catch let e as PGError where e.isUniqueViolation {
            try connection.execute("ROLLBACK TO SAVEPOINT recon_catch_up")
            return false
        }
        try connection.execute("RELEASE SAVEPOINT recon_catch_up")
        try moveCursor(to: through)
        items.sort { $0.seq < $1.seq }
        index.reserveCapacity(index.count + items.count)
        for i in items { index.add(i.item) }
        return true
    }

    /// Whether recon.items holds any item of the ledger (one probe of the primary key).
    func hasItems() throws -> Bool {
        try connection.execute("SELECT EXISTS (SELECT 1 FROM recon.items WHERE ledger_id = $1)", [.text(ledgerId)]).bool(0, 0)
    }

    /// recon.items' columns as the catch-up fills them, in the order `itemsFromLog` selects them.
    static let itemColumns = """
        ledger_id, kind, item_id, payment_id, arn, visa_transaction_id, token_ref, auth_code, amount_minor, currency, business_date, seq
        """

    /// The captures and refunds of the log with seq in (after, through] as recon.items rows (the
    /// ledger id is checked by `init`, the bounds are integers: safe to inline, as COPY needs).
    /// Amounts: canonical bodies print every amount with its currency's full exponent ("1234.50",
    /// "1500", "1.234"), so removing the point gives minor units exactly; PaymentCaptured v1
    /// carried `amountMinor`. Each body is parsed once, as `json` into a record of the fields used
    /// (a `jsonb` subquery referenced ten times was inlined into each reference and parsed ten
    /// times: 5x slower).
    func itemsFromLog(after: Int64, through: Int64) -> String {
        """
        SELECT e.ledger_id,
               CASE e.event_type WHEN 'PaymentCaptured' THEN 'capture' ELSE 'refund' END,
               CASE e.event_type WHEN 'PaymentCaptured' THEN j."paymentId" ELSE j."refundId" END,
               j."paymentId", j.arn, j."visaTransactionId",
               CASE e.event_type WHEN 'PaymentCaptured' THEN j."tokenRef" END,
               CASE e.event_type WHEN 'PaymentCaptured' THEN j."authCode" END,
               CASE WHEN e.event_type = 'PaymentCaptured' AND e.schema_version = 1 THEN j."amountMinor"::bigint
                    ELSE replace(j.amount, '.', '')::bigint END,
               j.currency, (e.effective_at AT TIME ZONE 'UTC')::date, e.seq
          FROM ledger.events e
         CROSS JOIN LATERAL json_to_record(convert_from(e.body, 'UTF8')::json)
               AS j("paymentId" text, "refundId" text, arn text, "visaTransactionId" text, "tokenRef" text, "authCode" text,
                    "amountMinor" text, amount text, currency text)
         WHERE e.ledger_id = '\(ledgerId)' AND e.seq > \(after) AND e.seq <= \(through)
           AND e.event_type IN ('PaymentCaptured', 'PaymentRefunded')
        """
    }

    func moveCursor(to through: Int64) throws {
        try connection.execute("UPDATE recon.cursors SET last_seq = $2 WHERE ledger_id = $1", [.text(ledgerId), .int8(through)])
    }

    /// The index: every unmatched capture and refund, plus the captures (matched or not) whose
    /// ARN a TC 15 / 25 / 35 line names. Streamed with COPY, so the client holds one row at a time
    /// besides the index itself.
    public func loadIndex(referencedARNs: Set<String>) throws -> LedgerIndex {
        let arns = referencedARNs.filter { $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } && !$0.isEmpty }
        let referenced = arns.isEmpty ? "false" : "(i.kind = 'capture' AND i.arn = ANY(\(CopyText.digitsArrayLiteral(arns.sorted()))))"
        var index = LedgerIndex()
        var bad: String?
        try connection.copyOut("""
            COPY (SELECT i.kind, i.item_id, i.payment_id, i.arn, i.visa_transaction_id, i.token_ref, i.auth_code, i.amount_minor,
                         i.currency, i.business_date, i.missing_exception, coalesce(s.version, 0), m.item_id IS NOT NULL,
                         coalesce(e.kind = 'currency_mismatch', false)
                    FROM recon.items i
                    -- Each lookup by its primary key, per item: a plan that needs no statistics
                    -- (the first import of a ledger fills recon.items in its own transaction, and
                    -- joins planned on a misestimate took 78 s for 17k items).
                    LEFT JOIN LATERAL (SELECT m.item_id, m.exception_id FROM recon.matches m
                                        WHERE m.ledger_id = i.ledger_id AND m.kind = i.kind AND m.payment_id = i.payment_id
                                          AND m.item_id = i.item_id) m ON true
                    LEFT JOIN LATERAL (SELECT e.kind FROM recon.exceptions e
                                        WHERE e.ledger_id = i.ledger_id AND e.exception_id = m.exception_id) e ON true
                    LEFT JOIN LATERAL (SELECT s.version FROM ledger.streams s
                                        WHERE s.ledger_id = i.ledger_id AND s.stream_id = 'recon-exception-' || i.missing_exception) s ON true
                   WHERE i.ledger_id = '\(ledgerId)' AND (m.item_id IS NULL OR \(referenced))
                   ORDER BY i.seq) TO STDOUT
            """) { row in
            guard bad == nil else { return }
            guard let item = Self.item(row) else {
                bad = String(decoding: row.prefix(80), as: UTF8.self)
                return
            }
            index.add(item)
        }
        if let bad { throw ReconStoreError("recon.items holds a row reconciliation cannot read: \(bad)") }
        return index
    }

    /// A row of the index query (14 columns).
    static func item(_ row: UnsafeRawBufferPointer) -> LedgerItem? {
        guard let f = CopyText.parse(row), f.count == 14, let versionText = f[11], let version = Int64(versionText) else { return nil }
        return item(f[0...9], missingException: f[10], missingExceptionOpen: f[10] != nil && version == 1,
                    matchedBefore: f[12] == "t", heldInClearing: f[13] == "t")
    }

    /// An item from its ten columns kind … business_date (recon.items' order, after ledger_id).
    static func item(_ f: ArraySlice<String?>, missingException: String?, missingExceptionOpen: Bool, matchedBefore: Bool,
                     heldInClearing: Bool) -> LedgerItem? {
        let o = f.startIndex
        guard f.count == 10, let kindText = f[o], let kind = LedgerItem.Kind(rawValue: kindText), let itemId = f[o + 1],
              let paymentId = f[o + 2], let arnText = f[o + 3], let arn = MatchKeys.digits128(arnText), let minorText = f[o + 7],
              let minor = Int64(minorText), let currencyText = f[o + 8], let currency = Currency(code: currencyText),
              let dayText = f[o + 9], let day = try? CalendarDay(parsing: dayText) else { return nil }
        return LedgerItem(kind: kind, itemId: itemId, paymentId: paymentId, arn: arn,
                          visaTransactionId: f[o + 4].flatMap { MatchKeys.digits64($0) }, token: f[o + 5].flatMap { MatchKeys.tokenRef($0) },
                          authCode: f[o + 6].flatMap { MatchKeys.packed($0) }, amount: Amount(minorUnits: minor, currency: currency),
                          businessDate: day, missingException: missingException, missingExceptionOpen: missingExceptionOpen,
                          matchedBefore: matchedBefore, heldInClearing: heldInClearing)
    }

    /// An item matched by an earlier import, for the evidence of a duplicate presentment.
    public struct EarlierMatch: Sendable, Hashable {
        public var kind: LedgerItem.Kind
        public var itemId: String
        public var paymentId: String
        public var arn: String
        public var visaTransactionId: String?
        public var fileId: String
        public var record: Int64
    }

    /// The matched items with one of these ARNs or transaction ids (one query for all leftovers).
    public func earlierMatches(arns: [String], transactionIds: [String]) throws -> [EarlierMatch] {
        guard !arns.isEmpty || !transactionIds.isEmpty else { return [] }
        let r = try connection.execute("""
            SELECT i.kind, i.item_id, i.payment_id, i.arn, i.visa_transaction_id, m.file_id, m.record_number
              FROM recon.items i
             CROSS JOIN LATERAL (SELECT m.file_id, m.record_number FROM recon.matches m   -- by its key, whatever the statistics
                                  WHERE m.ledger_id = i.ledger_id AND m.kind = i.kind AND m.payment_id = i.payment_id
                                    AND m.item_id = i.item_id) m
             WHERE i.ledger_id = $1 AND (i.arn = ANY($2::text[]) OR i.visa_transaction_id = ANY($3::text[]))
             ORDER BY i.seq
            """, [.text(ledgerId), .textArray(arns), .textArray(transactionIds)])
        var out: [EarlierMatch] = []
        for row in 0..<r.rowCount {
            guard let kind = LedgerItem.Kind(rawValue: try r.string(row, 0)) else { continue }
            out.append(EarlierMatch(kind: kind, itemId: try r.string(row, 1), paymentId: try r.string(row, 2), arn: try r.string(row, 3),
                                    visaTransactionId: try r.optionalString(row, 4), fileId: try r.string(row, 5),
                                    record: try r.int64(row, 6)))
        }
        return out
    }

    /// Applies the import's match changes: rows of items a TC 25 made matchable again (or
    /// re-matched) are deleted, then the new matches are copied in. A second match of an item
    /// fails on the primary key (the exclusivity across files).
    public func writeMatches(_ changes: [(item: LedgerItem.Key, record: Int64?, exceptionId: String?, wasMatched: Bool)],
                             fileId: String) throws {
        try writeMatches(removed: changes.filter(\.wasMatched).map(\.item), fileId: fileId) { emit in
            for c in changes { if let record = c.record { try emit(c.item, record, c.exceptionId) } }
        }
    }

    /// `writeMatches` with the new matches produced one at a time by `added` (each handed to
    /// `emit` goes into the COPY's buffer, of at most 256 KiB): memory does not grow with them.
    /// `removed` are the items matched before this import whose match it changes.
    public func writeMatches(removed: [LedgerItem.Key], fileId: String,
                             added: (_ emit: (LedgerItem.Key, Int64, String?) throws -> Void) throws -> Void) throws {
        if !removed.isEmpty {
            try connection.execute("""
                DELETE FROM recon.matches m USING unnest($2::text[], $3::text[], $4::text[]) AS u(kind, payment_id, item_id)
                 WHERE m.ledger_id = $1 AND m.kind = u.kind AND m.payment_id = u.payment_id AND m.item_id = u.item_id
                """, [.text(ledgerId), .textArray(removed.map(\.kind.rawValue)), .textArray(removed.map(\.paymentId)),
                      .textArray(removed.map(\.itemId))])
        }
        let ledgerId = ledgerId
        try connection.copyIn("COPY recon.matches (ledger_id, kind, payment_id, item_id, file_id, record_number, exception_id) FROM STDIN") { w in
            var buffer: [UInt8] = []
            try added { item, record, exceptionId in
                CopyText.row([ledgerId, item.kind.rawValue, item.paymentId, item.itemId, fileId, String(record), exceptionId], into: &buffer)
                if buffer.count >= 256 * 1024 { try w.write(buffer); buffer.removeAll(keepingCapacity: true) }
            }
            if !buffer.isEmpty { try w.write(buffer) }
        }
    }

    /// recon.exceptions rows of the exceptions raised, opened on `openedOn` (the file's date);
    /// `fileId` is the import that raised them (raised_by_file), and the file of every line exception.
    public func insertExceptions(_ exceptions: [ExceptionSpec], fileId: String?, openedOn: CalendarDay) throws {
        guard !exceptions.isEmpty else { return }
        try connection.copyIn("""
            COPY recon.exceptions (ledger_id, exception_id, kind, amount_minor, currency, item_kind, item_id, payment_id, file_id,
                                   record_number, opened_on, evidence, raised_by_file) FROM STDIN
            """) { w in
            var buffer: [UInt8] = []
            for e in exceptions {
                CopyText.row([ledgerId, e.exceptionId, e.outcome.rawValue, e.amount.map { String($0.minorUnits) }, e.amount?.currency.code,
                              e.itemKind?.rawValue, e.itemId, e.paymentId, e.outcome == .missingInFile ? nil : fileId,
                              e.record.map { String($0) }, openedOn.text, e.evidence, fileId], into: &buffer)
            }
            try w.write(buffer)
        }
        let missing = exceptions.filter { $0.outcome == .missingInFile }
        if !missing.isEmpty {
            try connection.execute("""
                UPDATE recon.items i SET missing_exception = u.exception_id
                  FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS u(kind, payment_id, item_id, exception_id)
                 WHERE i.ledger_id = $1 AND i.kind = u.kind AND i.payment_id = u.payment_id AND i.item_id = u.item_id
                """, [.text(ledgerId), .textArray(missing.map { $0.itemKind!.rawValue }), .textArray(missing.map { $0.paymentId! }),
                      .textArray(missing.map { $0.itemId! }), .textArray(missing.map(\.exceptionId))])
        }
    }

    /// The report of an imported file, by content.
    public func importedReport(fileId: String) throws -> String? {
        let r = try connection.execute("SELECT report FROM recon.files WHERE ledger_id = $1 AND file_id = $2", [.text(ledgerId), .text(fileId)])
        return r.rowCount == 1 ? try r.string(0, 0) : nil
    }

    /// The file id of the imported file that claimed this (BIN, processing date, file sequence).
    public func fileClaiming(bin: String, processingDate: CalendarDay, sequence: String) throws -> String? {
        let r = try connection.execute("""
            SELECT file_id FROM recon.files WHERE ledger_id = $1 AND processing_bin = $2 AND processing_date = $3::date AND file_sequence = $4
            """, [.text(ledgerId), .text(bin), .text(processingDate.text), .text(sequence)])
        return r.rowCount == 1 ? try r.string(0, 0) : nil
    }

    public func insertFile(fileId: String, bin: String, processingDate: CalendarDay, sequence: String, report: String) throws {
        try connection.execute("""
            INSERT INTO recon.files (ledger_id, file_id, processing_bin, processing_date, file_sequence, report)
            VALUES ($1, $2, $3, $4::date, $5, $6)
            """, [.text(ledgerId), .text(fileId), .text(bin), .text(processingDate.text), .text(sequence), .text(report)])
    }
}
