import LedgerDomain
import Money
import VisaSettlement

/// The matching pass: a `VisaFileVisitor` that looks every line up in the `LedgerIndex` as the
/// file streams by (a hash join: O(1) per line, no database round trip) and records what it books.
///
/// Stages, in order, for a TC 05: ARN; Visa transaction id (TCR 5); the fallback (tokenRef of the
/// account-number field + authorization code + source amount and currency, among captures whose
/// business date is within ±1 day of the purchase date; a candidate on the same day beats one a
/// day off, and several equally good are `ambiguous_match`). A TC 06 matches a refund by ARN only
/// (refunds carry no transaction id or authorization). A TC 15 / 25 / 35 names the original
/// capture by ARN. Lines are decided strictly in file order, so a TC 25 after the TC 05 it reverses
/// makes the capture matchable again for a later line.
public struct ReconEngine: VisaFileVisitor {
    public private(set) var index: LedgerIndex
    public private(set) var bookings: ReconBookings
    let fileId: String
    /// Takes the matched items and fees as they are booked (nil: `bookings` keeps them).
    let sink: (any BookingSink)?
    /// HMAC of the account-number field (the token) as a binary tokenRef; computed only for lines
    /// that reach the fallback stage.
    let tokenRef: (VisaToken) -> MatchKeys.TokenKey?

    public init(index: LedgerIndex, fileId: String, sink: (any BookingSink)? = nil,
                tokenRef: @escaping (VisaToken) -> MatchKeys.TokenKey?) {
        self.index = index
        self.bookings = ReconBookings(indexCount: index.count)
        self.fileId = fileId
        self.sink = sink
        self.tokenRef = tokenRef
    }

    /// Where the position was matched in this file (record), for the evidence of a duplicate.
    private func matchedAt(_ p: Int32) -> Int64? { bookings.matchChanges[p]?.record }

    public mutating func visit(transaction: VisaTransaction) {
        switch transaction {
        case .draft(let d): draft(d)
        case .feeCollection(let f): feeCollection(f)
        }
    }

    // MARK: drafts

    struct Line {
        var record: Int64
        var tc: String
        var sign: Int64
        var source: Amount
        var settled: Amount
        var arn: String
    }

    private mutating func draft(_ d: VisaDraft) {
        let sign: Int64 = d.code == .purchase || d.code == .chargebackReversal ? 1 : -1
        let line = Line(record: Int64(d.record), tc: d.code.tc, sign: sign,
                        source: Amount(minorUnits: d.sourceAmount, currency: d.sourceCurrency.currency),
                        settled: Amount(minorUnits: d.destinationAmount, currency: d.destinationCurrency.currency), arn: d.arn)
        switch d.code {
        case .purchase: presentment(d, line)
        case .creditVoucher: refund(line)
        case .reversal: reversal(line)
        case .chargeback, .chargebackReversal: chargeback(d, line)
        }
    }

    private mutating func presentment(_ d: VisaDraft, _ line: Line) {
        let arn = MatchKeys.digits128(d.arn)
        if let arn, let outcome = byKey(index.captures(arn: arn), line, stage: .arn) { return apply(outcome, line) }
        let transactionId = d.tcr5?.visaTransactionId
        if let transactionId, let id = MatchKeys.digits64(transactionId),
           let outcome = byKey(index.captures(transactionId: id), line, stage: .visaTransactionId) {
            return apply(outcome, line)
        }
        if let token = tokenRef(d.token), let auth = MatchKeys.packed(d.authorizationCode),
           let purchase = CalendarDay(year: d.purchaseDate.year, month: d.purchaseDate.month, day: d.purchaseDate.day) {
            let key = MatchKeys.FallbackKey(token: token, authCode: auth, amountMinor: line.source.minorUnits, currency: line.source.currency)
            var best: [Int32] = []
            var bestDistance = Int64.max
            for p in index.captures(fallback: key) where !index.matched(p) {
                let distance = abs(index[p].businessDate.daysSinceEpoch - purchase.daysSinceEpoch)
                guard distance <= 1 else { continue }
                if distance < bestDistance { best = [p]; bestDistance = distance } else if distance == bestDistance { best.append(p) }
            }
            if best.count == 1 { return apply(.match(best[0], .fallback), line) }
            if best.count > 1 { return apply(.ambiguous(best, .fallback), line) }
        }
        bookings.leftovers.append(ReconBookings.Leftover(
            record: line.record, tc: line.tc, kind: .capture, arn: d.arn, visaTransactionId: transactionId, sign: line.sign,
            source: line.source, settled: line.settled))
    }

    private mutating func refund(_ line: Line) {
        if let arn = MatchKeys.digits128(line.arn), let outcome = byKey(index.refunds(arn: arn), line, stage: .arn) {
            return apply(outcome, line)
        }
        bookings.leftovers.append(ReconBookings.Leftover(
            record: line.record, tc: line.tc, kind: .refund, arn: line.arn, visaTransactionId: nil, sign: line.sign,
            source: line.source, settled: line.settled))
    }

    enum KeyOutcome {
        case match(Int32, MatchStage)
        case duplicate(Int32, MatchStage)
        case ambiguous([Int32], MatchStage)
    }

    /// A key stage: one unmatched item is a match; only matched ones, a duplicate; several
    /// unmatched, ambiguous; none at all, nil (try the next stage).
    private func byKey(_ positions: [Int32], _ line: Line, stage: MatchStage) -> KeyOutcome? {
        if positions.isEmpty { return nil }
        let open = positions.filter { !index.matched($0) }
        if open.count == 1 { return .match(open[0], stage) }
        if open.count > 1 { return .ambiguous(open, stage) }
        return .duplicate(positions[0], stage)
    }

    /// The line's exception id (built only for lines that raise one: most lines match).
    private func exceptionId(_ line: Line) -> String { ExceptionSpec.Id.line(fileId: fileId, record: line.record) }

    private mutating func apply(_ outcome: KeyOutcome, _ line: Line) {
        switch outcome {
        case .ambiguous(let positions, let stage):
            raise(ExceptionSpec(exceptionId: exceptionId(line), outcome: .ambiguousMatch, postings: ReconPostings.parked(sign: line.sign, settled: line.settled),
                                amount: line.source, record: line.record,
                                evidence: "TC \(line.tc) record \(line.record): \(stage.rawValue) found \(positions.count) unmatched items (\(positions.map { index[$0].key.idText }.joined(separator: ", ")))"))
        case .duplicate(let p, let stage):
            let item = index[p]
            let earlier = matchedAt(p).map { "record \($0) of this file" } ?? "an earlier file"
            raise(ExceptionSpec(exceptionId: exceptionId(line), outcome: .duplicatePresentment,
                                postings: ReconPostings.parked(sign: line.sign, settled: line.settled), amount: line.source,
                                itemKind: item.kind, itemId: item.itemId, paymentId: item.paymentId, record: line.record,
                                evidence: "TC \(line.tc) record \(line.record): \(stage.rawValue) \(stageValue(stage, line, item)) names \(item.key.text), already matched by \(earlier)"))
        case .match(let p, let stage):
            match(p, stage, line)
        }
    }

    private func stageValue(_ stage: MatchStage, _ line: Line, _ item: LedgerItem) -> String {
        stage == .arn ? line.arn : stage == .visaTransactionId ? (item.visaTransactionId.map { String($0) } ?? "") : ""
    }

    private mutating func match(_ p: Int32, _ stage: MatchStage, _ line: Line) {
        let item = index[p]
        func about() -> String { "TC \(line.tc) record \(line.record) ↔ \(item.key.text) by \(stage.keys.joined(separator: "+"))" }
        if line.source.currency != item.amount.currency {
            let id = exceptionId(line)
            // The ledger item stays in clearing; the exception claims it so it is neither matched
            // again nor swept as missing_in_file.
            claim(p, line.record, exceptionId: id)
            raise(ExceptionSpec(exceptionId: id, outcome: .currencyMismatch, postings: ReconPostings.parked(sign: line.sign, settled: line.settled),
                                amount: line.source, itemKind: item.kind, itemId: item.itemId, paymentId: item.paymentId, record: line.record,
                                evidence: "\(about()): file \(line.source.decimalString) \(line.source.currency), ledger \(item.amount.decimalString) \(item.amount.currency)"))
            return
        }
        claim(p, line.record, exceptionId: nil)
        closeMissing(item)
        let sameCurrencyDiffers = line.settled.currency == line.source.currency && line.settled != line.source
        if line.source != item.amount || sameCurrencyDiffers {
            let postings = ReconPostings.amountMismatch(sign: line.sign, settled: line.settled, source: line.source, ledger: item.amount)
            let parked = postings.first { $0.account == Account.reconSuspense }.map { Int64($0.amountMinor.magnitude) } ?? 0
            let exception = ExceptionSpec(
                exceptionId: exceptionId(line), outcome: .amountMismatch, postings: postings,
                amount: Amount(minorUnits: parked, currency: item.amount.currency), itemKind: item.kind, itemId: item.itemId,
                paymentId: item.paymentId, record: line.record,
                evidence: "\(about()): file \(line.source.decimalString) \(line.source.currency) (settled \(line.settled.decimalString) \(line.settled.currency)), ledger \(item.amount.decimalString) \(item.amount.currency)")
            raise(exception)
            return
        }
        bookings.matchedLines += 1
        bookings.book(SettlementItem(
            record: line.record, action: item.kind == .capture ? .presentCapture : .presentRefund, itemId: item.itemId,
            paymentId: item.paymentId, stage: stage.rawValue, keys: stage.keys, amount: item.amount, settled: line.settled), to: sink)
    }

    private mutating func claim(_ p: Int32, _ record: Int64, exceptionId: String?) {
        index.setMatched(p, true)
        bookings.matchChanges[p] = (record, exceptionId)
    }

    /// A late presentment resolves the item's open missing_in_file exception.
    private mutating func closeMissing(_ item: LedgerItem) {
        if let exceptionId = item.missingException, item.missingExceptionOpen {
            bookings.latePresentments.append((exceptionId, item.paymentId))
        }
    }

    /// TC 25: the matched presentment of a capture goes back from settlement to clearing, and the
    /// capture is matchable again. Anything else (no such capture, not presented, other amount,
    /// claimed by a currency_mismatch and so still in clearing) parks the line in suspense as
    /// missing_in_ledger.
    private mutating func reversal(_ line: Line) {
        let positions = MatchKeys.digits128(line.arn).map { index.captures(arn: $0) } ?? []
        let id = ExceptionSpec.Id.line(fileId: fileId, record: line.record)
        guard let p = positions.first(where: { index.matched($0) }) else {
            return raise(ExceptionSpec(exceptionId: id, outcome: .missingInLedger, postings: ReconPostings.parked(sign: line.sign, settled: line.settled),
                                       amount: line.source, record: line.record,
                                       evidence: "TC 25 record \(line.record): ARN \(line.arn) names no presented capture"))
        }
        let item = index[p]
        let sameCurrencyDiffers = line.settled.currency == line.source.currency && line.settled != line.source
        // A capture claimed by a currency_mismatch (in this file or an earlier one) never left clearing.
        let heldInClearing = bookings.matchChanges[p].map { $0.exceptionId != nil } ?? item.heldInClearing
        guard line.source == item.amount, !sameCurrencyDiffers, !heldInClearing else {
            return raise(ExceptionSpec(exceptionId: id, outcome: .missingInLedger, postings: ReconPostings.parked(sign: line.sign, settled: line.settled),
                                       amount: line.source, itemKind: item.kind, itemId: item.itemId, paymentId: item.paymentId, record: line.record,
                                       evidence: "TC 25 record \(line.record): ARN \(line.arn) names capture \(item.itemId) of \(item.amount.decimalString) \(item.amount.currency), the reversal is \(line.source.decimalString) \(line.source.currency)"))
        }
        index.setMatched(p, false)
        bookings.matchChanges[p] = (nil, nil)
        bookings.matchedLines += 1
        bookings.book(SettlementItem(
            record: line.record, action: .reverseCapture, itemId: item.itemId, paymentId: item.paymentId, stage: MatchStage.arn.rawValue,
            keys: MatchStage.arn.keys, amount: item.amount, settled: line.settled), to: sink)
    }

    /// TC 15 / 35: a chargeback (reversal) of the capture the ARN names, decided by the service;
    /// no such capture is chargeback_unknown_payment.
    private mutating func chargeback(_ d: VisaDraft, _ line: Line) {
        let positions = MatchKeys.digits128(line.arn).map { index.captures(arn: $0) } ?? []
        guard positions.count == 1 else {
            let found = positions.isEmpty ? "names no capture" : "names \(positions.count) captures"
            return raise(ExceptionSpec(exceptionId: ExceptionSpec.Id.line(fileId: fileId, record: line.record), outcome: .chargebackUnknownPayment,
                                       postings: ReconPostings.parked(sign: line.sign, settled: line.settled), amount: line.source, record: line.record,
                                       evidence: "TC \(line.tc) record \(line.record): ARN \(line.arn) \(found)"))
        }
        bookings.chargebacks.append(ReconBookings.ChargebackLine(
            record: line.record, isReversal: d.code == .chargebackReversal, paymentId: index[positions[0]].paymentId, arn: line.arn,
            reasonCode: d.reasonCode, source: line.source, settled: line.settled))
    }

    // MARK: TC 10 / 20

    /// TC 10 (fee collection) charges the platform: `SchemeFeesCharged` of the destination amount.
    /// TC 20 reason 5300 is subsidy funding for the programme in its message text; any other TC 20
    /// is a credit from Visa: a negative `SchemeFeesCharged` (Dr settlement, Cr scheme-fees).
    private mutating func feeCollection(_ f: VisaFeeCollection) {
        let settled = Amount(minorUnits: f.destinationAmount, currency: f.destinationCurrency.currency)
        if let programId = f.subsidyProgramId {
            bookings.fundings.append(ReconBookings.FundingLine(
                record: Int64(f.record), programId: programId,
                source: Amount(minorUnits: f.sourceAmount, currency: f.sourceCurrency.currency), settled: settled))
            return
        }
        let charged = f.code == .feeCollection ? settled : Amount(minorUnits: -settled.minorUnits, currency: settled.currency)
        guard !charged.isZero else { return }
        bookings.book(ReconBookings.Fee(
            feeId: "\(ExceptionSpec.Id.fileTag(fileId))-\(f.record)", amount: charged,
            description: "TC \(f.code.tc) record \(f.record) reason \(f.reasonCode)"), to: sink)
    }

    // MARK: exceptions

    mutating func raise(_ exception: ExceptionSpec) { bookings.exceptions.append(exception) }
}
