import EventStore
import Foundation
import LedgerDomain
import LibPQ
import Money
import Reconciliation

extension ExceptionService {
    /// `match ID --payment P [--refund R]`: an operator pairs an open missing_in_ledger,
    /// ambiguous_match or missing_in_file exception with a ledger item, booking what an automatic
    /// match would (from suspense for a parked presentment; clearing ↔ settlement for a
    /// missing_in_file), resolving it as `manual_match`. A parked TC 05 pairs with capture P, a
    /// parked TC 06 with refund R of P; a missing_in_file only with the item it is about. A
    /// presentment matched to an item with an open missing_in_file resolves that one too
    /// (`late_presentment`), in the same command. Runs under the ledger's reconciliation lock, so
    /// it cannot race an import; refused when the item is already matched, or when the amount or
    /// the currency disagree, and (never echoed) when an id looks like a card number. Its
    /// business time (the event's `effectiveAt`) is the database clock's now, never the
    /// machine's clock.
    public func match(exceptionId: String, paymentId: String, refundId: String? = nil, note: String) throws -> AppendOutcome {
        guard ![exceptionId, paymentId, refundId ?? ""].contains(where: PANDetector.containsCardNumber) else {
            throw AppError.rejected("match: the exception id, --payment or --refund looks like it holds a card number (not shown); nothing appended")
        }
        guard !PANDetector.containsCardNumber(note) else {
            throw AppError.rejected("match: the note looks like it holds a card number (not shown); nothing appended")
        }
        guard !note.isEmpty, note.utf8.count <= Self.noteBytesMax else {
            throw AppError.usage("match: --note must be 1-\(Self.noteBytesMax) bytes")
        }
        let recon = ReconStore(connection: store.connection, ledgerId: store.ledgerId)
        return try store.connection.withTransaction { c in
            let cursor = try recon.lock()
            _ = try recon.catchUp(after: cursor, through: try recon.headSeq())
            guard let row = try list(Filter()).first(where: { $0.exceptionId == exceptionId }) else {
                throw AppError.rejected("match: no exception \(Self.shown(exceptionId))")
            }
            guard row.isOpen else { throw AppError.rejected("match: exception \(exceptionId) is already resolved") }
            let kinds = [ReconOutcome.missingInLedger.rawValue, ReconOutcome.ambiguousMatch.rawValue, ReconOutcome.missingInFile.rawValue]
            guard kinds.contains(row.kind) else {
                throw AppError.rejected("match: exception \(exceptionId) is \(row.kind); only \(kinds.joined(separator: ", ")) are matched by hand")
            }
            let key = try Self.itemKey(of: row, paymentId: paymentId, refundId: refundId)
            let commandId = Self.matchCommandId(exceptionId: exceptionId, key: key)
            guard !PANDetector.containsCardNumber(commandId) else {
                throw AppError.rejected("match: the exception id, --payment and --refund together look like a card number (not shown); nothing appended")
            }
            let item = try c.execute("""
                SELECT i.amount_minor, i.currency, m.file_id, m.record_number, i.missing_exception
                  FROM recon.items i
                  LEFT JOIN recon.matches m ON m.ledger_id = i.ledger_id AND m.kind = i.kind AND m.payment_id = i.payment_id
                                           AND m.item_id = i.item_id
                 WHERE i.ledger_id = $1 AND i.kind = $2 AND i.payment_id = $3 AND i.item_id = $4
                """, [.text(store.ledgerId), .text(key.kind.rawValue), .text(key.paymentId), .text(key.itemId)])
            guard item.rowCount == 1, let currency = Currency(code: try item.string(0, 1)) else {
                throw AppError.rejected("match: no card \(key.kind.rawValue) \(Self.shown(key.idText))")
            }
            if let file = try item.optionalString(0, 2) {
                throw AppError.rejected("match: \(key.text) is already matched (file \(file.prefix(16))…, record \(try item.int64(0, 3)))")
            }
            let ledger = Amount(minorUnits: try item.int64(0, 0), currency: currency)
            guard let about = row.amount else { throw AppError.rejected("match: exception \(exceptionId) has no amount to compare") }
            guard about.currency == ledger.currency else {
                throw AppError.rejected("match: the currency disagrees: the exception is in \(about.currency), \(key.text) in \(ledger.currency)")
            }
            guard about == ledger else {
                throw AppError.rejected("match: the amount disagrees: the exception is \(about.decimalString) \(about.currency), \(key.text) is \(ledger.decimalString) \(ledger.currency)")
            }
            // The item's own missing_in_file, when a presentment is matched to an item that has
            // one open: resolved by the same command (late_presentment, as an automatic match of
            // a later file does), so it cannot be matched by hand afterwards and booked twice.
            let ownMissing = row.kind == ReconOutcome.missingInFile.rawValue ? nil : try item.optionalString(0, 4)
            var state = LedgerState()
            try StateLoader(store: store).load(Set([exceptionId, ownMissing].compactMap { $0 }.map { .stream(StreamID.reconException($0)) }),
                                               into: &state)
            guard let raised = state.exceptions[exceptionId] else { throw AppError.rejected("match: no exception \(exceptionId)") }
            let sign: Int64 = key.kind == .refund ? -1 : 1
            let postings: [Posting]
            if row.kind == ReconOutcome.missingInFile.rawValue {
                postings = ReconPostings.confirmedPresentment(ledger: ledger, sign: sign)
            } else {
                // Only a presentment's line: a TC 05 for a capture, a TC 06 for a refund (a TC 25
                // or TC 20 parks money the same way and is no presentment). A TC 05 parks its
                // amount as a credit of recon/suspense, a TC 06 as a debit.
                let tc = Self.transactionCode(evidence: row.evidence)
                guard tc == (key.kind == .refund ? "06" : "05") else {
                    throw AppError.rejected(key.kind == .refund
                        ? "match: exception \(exceptionId) is about \(tc.map { "a TC \($0) line" } ?? "no file line"); --refund pairs only a refund's presentment (TC 06)"
                        : "match: exception \(exceptionId) is about \(tc.map { "a TC \($0) line" } ?? "no file line"); --payment alone pairs only a presentment (TC 05), a refund's (TC 06) with --refund R")
                }
                guard raised.suspense.count == 1, let (parkedCurrency, parkedMinor) = raised.suspense.first, sign * parkedMinor < 0 else {
                    throw AppError.rejected("match: exception \(exceptionId) did not park its line's amount in suspense; nothing to match")
                }
                let parked = Amount(minorUnits: -sign * parkedMinor, currency: parkedCurrency)
                // In one currency the file settles what it presents; a line that settled another
                // amount is an amount mismatch (resolve it with adjust or write-off), and its
                // postings would not balance.
                guard parked.currency != ledger.currency || parked == ledger else {
                    throw AppError.rejected("match: exception \(exceptionId) settled \(parked.decimalString) \(parked.currency) for \(key.text) of \(ledger.decimalString) \(ledger.currency): an amount mismatch, not a match; resolve it (adjust or write-off)")
                }
                postings = ReconPostings.manualMatch(parked: parked, ledger: ledger, sign: sign)
            }
            do { try Postings.checkBalanced(postings) } catch {
                throw AppError.rejected("match: the postings for \(exceptionId) do not balance (\(error)); nothing appended")
            }
            let now = try DatabaseClock.now(c)
            let event = ReconciliationExceptionResolved(exceptionId: exceptionId, resolution: .manualMatch, note: note, amount: nil,
                                                        paymentId: paymentId, postings: postings, effectiveAt: now)
            var pending = [PendingEvent(streamId: event.streamId, expectedVersion: 1, event: .reconciliationExceptionResolved(event))]
            if let ownMissing, let missing = state.exceptions[ownMissing], missing.resolution == nil {
                let late = ReconciliationExceptionResolved(
                    exceptionId: ownMissing, resolution: .latePresentment,
                    note: "presented by record \(row.record ?? 0) of file \((row.fileId ?? "").prefix(16))…, matched by hand (\(exceptionId))",
                    amount: nil, paymentId: paymentId, postings: [], effectiveAt: now)
                pending.append(PendingEvent(streamId: late.streamId, expectedVersion: state.version(of: late.streamId),
                                            event: .reconciliationExceptionResolved(late)))
            }
            try recon.writeMatches([(key, row.record ?? 0, exceptionId, false)],
                                   fileId: row.fileId ?? "manual")
            var request: [UInt8] = []
            for p in pending { request += p.event.canonicalJSON() }
            return try append(commandId, Array(SHA256Bytes.of(request)), pending)
        }
    }

    /// `match-{exception}-P{payment}` (and `-R{refund}` for a refund): the letters keep the parts'
    /// digits apart, so the card number guard (which joins digits across `-`) never sees one run
    /// made of two ids (as `resolveCommandId`).
    static func matchCommandId(exceptionId: String, key: LedgerItem.Key) -> String {
        "match-\(exceptionId)-P\(key.paymentId)\(key.kind == .refund ? "-R\(key.itemId)" : "")".prefix(128).description
    }

    /// The transaction code a line's exception is about: its evidence starts `TC {code} record`
    /// (the reconcile engine writes every line's evidence so; pinned by ReconcileEventBytesTests).
    static func transactionCode(evidence: String) -> String? {
        let bytes = Array(evidence.utf8.prefix(13))
        guard bytes.count == 13, bytes.starts(with: Array("TC ".utf8)), bytes[3...4].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              Array(bytes[5...]) == Array(" record ".utf8) else { return nil }
        return String(decoding: bytes[3...4], as: UTF8.self)
    }

    /// A value the operator typed, for a message: withheld when it might hold a card number.
    static func shown(_ value: String) -> String { PANDetector.mayHoldCardNumber(value) ? "(withheld)" : value }

    /// The ledger item `match` pairs: for a missing_in_file, the item the exception is about (a
    /// capture, or a refund of a payment), and `--payment` (and `--refund`, when given) must name
    /// it; for a presentment (missing_in_ledger, ambiguous_match), the capture `--payment` names,
    /// or with `--refund R` its refund R.
    static func itemKey(of row: Row, paymentId: String, refundId: String? = nil) throws -> LedgerItem.Key {
        guard row.kind == ReconOutcome.missingInFile.rawValue else {
            if let refundId { return LedgerItem.Key(kind: .refund, paymentId: paymentId, itemId: refundId) }
            return LedgerItem.Key(kind: .capture, paymentId: paymentId, itemId: paymentId)
        }
        guard let kindText = row.itemKind, let kind = LedgerItem.Kind(rawValue: kindText), let payment = row.paymentId, let itemId = row.itemId else {
            throw AppError.rejected("match: exception \(row.exceptionId) names no ledger item")
        }
        let key = LedgerItem.Key(kind: kind, paymentId: payment, itemId: itemId)
        guard paymentId == payment, refundId == nil || (kind == .refund && refundId == itemId) else {
            let own = kind == .refund ? "--payment \(payment) --refund \(itemId)" : "--payment \(payment)"
            throw AppError.rejected("match: exception \(row.exceptionId) is about \(key.text); a missing_in_file is matched only with its own item (\(own)), nothing appended")
        }
        return key
    }
}
