import EventStore
import Foundation
import LedgerDomain
import LibPQ
import Money
import Reconciliation

extension ExceptionService {
    /// `match ID --payment P`: an operator pairs an open missing_in_ledger, ambiguous_match or
    /// missing_in_file exception with a ledger item, booking what an automatic match would (from
    /// suspense for a parked presentment; clearing ↔ settlement for a missing_in_file), resolving
    /// it as `manual_match`. A presentment pairs with capture P; a missing_in_file only with the
    /// item it is about (its capture, or its refund: P is then the refund's payment). Runs under the ledger's reconciliation lock, so it cannot race an
    /// import; refused when P is already matched, or when the amount or the currency disagree.
    /// Its business time (the event's `effectiveAt`) is the database clock's now, never the
    /// machine's clock.
    public func match(exceptionId: String, paymentId: String, note: String) throws -> AppendOutcome {
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
                throw AppError.rejected("match: no exception \(exceptionId)")
            }
            guard row.isOpen else { throw AppError.rejected("match: exception \(exceptionId) is already resolved") }
            let kinds = [ReconOutcome.missingInLedger.rawValue, ReconOutcome.ambiguousMatch.rawValue, ReconOutcome.missingInFile.rawValue]
            guard kinds.contains(row.kind) else {
                throw AppError.rejected("match: exception \(exceptionId) is \(row.kind); only \(kinds.joined(separator: ", ")) are matched by hand")
            }
            let key = try Self.itemKey(of: row, paymentId: paymentId)
            let item = try c.execute("""
                SELECT i.amount_minor, i.currency, m.file_id, m.record_number
                  FROM recon.items i
                  LEFT JOIN recon.matches m ON m.ledger_id = i.ledger_id AND m.kind = i.kind AND m.payment_id = i.payment_id
                                           AND m.item_id = i.item_id
                 WHERE i.ledger_id = $1 AND i.kind = $2 AND i.payment_id = $3 AND i.item_id = $4
                """, [.text(store.ledgerId), .text(key.kind.rawValue), .text(key.paymentId), .text(key.itemId)])
            guard item.rowCount == 1, let currency = Currency(code: try item.string(0, 1)) else {
                throw AppError.rejected("match: no card \(key.text)")
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
            var state = LedgerState()
            try StateLoader(store: store).load([.stream(StreamID.reconException(exceptionId))], into: &state)
            guard let raised = state.exceptions[exceptionId] else { throw AppError.rejected("match: no exception \(exceptionId)") }
            let postings: [Posting]
            if row.kind == ReconOutcome.missingInFile.rawValue {
                postings = ReconPostings.confirmedPresentment(ledger: ledger, sign: key.kind == .refund ? -1 : 1)
            } else {
                guard raised.suspense.count == 1, let (parkedCurrency, parkedMinor) = raised.suspense.first, parkedMinor < 0 else {
                    throw AppError.rejected("match: exception \(exceptionId) did not park a presentment in suspense; only presentments (TC 05) are matched by hand")
                }
                postings = ReconPostings.manualMatch(parked: Amount(minorUnits: -parkedMinor, currency: parkedCurrency), ledger: ledger)
            }
            let event = ReconciliationExceptionResolved(exceptionId: exceptionId, resolution: .manualMatch, note: note, amount: nil,
                                                        paymentId: paymentId, postings: postings, effectiveAt: try DatabaseClock.now(c))
            try recon.writeMatches([(key, row.record ?? 0, exceptionId, false)],
                                   fileId: row.fileId ?? "manual")
            let commandId = "match-\(exceptionId)-\(paymentId)".prefix(128).description
            let hash = Array(event.canonicalJSON())
            return try append(commandId, Array(SHA256Bytes.of(hash)),
                              [PendingEvent(streamId: event.streamId, expectedVersion: 1, event: .reconciliationExceptionResolved(event))])
        }
    }

    /// The ledger item `match` pairs: for a missing_in_file, the item the exception is about (a
    /// capture, or a refund of a payment), and `--payment` must name that item's payment; for a
    /// presentment (missing_in_ledger, ambiguous_match), the capture `--payment` names.
    static func itemKey(of row: Row, paymentId: String) throws -> LedgerItem.Key {
        guard row.kind == ReconOutcome.missingInFile.rawValue else {
            return LedgerItem.Key(kind: .capture, paymentId: paymentId, itemId: paymentId)
        }
        guard let kindText = row.itemKind, let kind = LedgerItem.Kind(rawValue: kindText), let payment = row.paymentId, let itemId = row.itemId else {
            throw AppError.rejected("match: exception \(row.exceptionId) names no ledger item")
        }
        let key = LedgerItem.Key(kind: kind, paymentId: payment, itemId: itemId)
        guard paymentId == payment else {
            throw AppError.rejected("match: exception \(row.exceptionId) is about \(key.text); a missing_in_file is matched only with its own item (--payment \(payment)), nothing appended")
        }
        return key
    }
}
