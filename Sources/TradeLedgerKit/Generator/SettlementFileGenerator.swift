import Money
import Reconciliation
import VisaSettlement

/// The Visa settlement file (BASE II text records, CRLF) that settles a generated trading day,
/// processed the next day (2026-05-16), settling in USD, with realistic noise, and the outcome
/// counts `reconcile --grace-days 1` must report for it (`ExpectedRecon`).
///
/// Every capture is presented (TC 05, with TCR 5: transaction id and interchange fee) and every
/// refund (TC 06), in the order emitted, except for the noise. The noise is drawn from captures
/// without refunds (so a chargeback never exceeds what is left), each role at most once:
/// - two captures and one refund left out (`missing_in_file` once the grace day has passed);
/// - one capture presented 1.00 short (`amount_mismatch`), one in another currency (the same
///   digits: `currency_mismatch`), one presented again at the end (`duplicate_presentment`);
/// - one capture whose ARN is garbled (two date digits transposed, a fresh check digit): it is
///   matched by its Visa transaction id;
/// - a presentment the ledger never captured (`missing_in_ledger`);
/// - a full chargeback (TC 15) reversed later in the file (TC 35), and a chargeback of half of
///   another capture (both `matched`: they book ChargebackReceived / ChargebackReversed);
/// - a subsidy funding record (TC 20 reason 5300, `SUBSIDY {programme}`: half the budget);
/// - interchange fees on every TCR 5 (1.10–1.89% of the settled amount; D on presentments and
///   chargeback reversals, C on chargebacks), Visa charges of 0.02 USD per presentment, and a
///   VSS-110 I/F/C/T summary that agrees with the arithmetic (no `net_mismatch`).
///
/// Conversion to USD uses the generator's price scale (`perMilleOfUSD`), half-even. Noise is
/// drawn from its own SplitMix64 stream, so the commands do not change. Deterministic.
struct SettlementFileGenerator {
    static let fileName = "visa-settlement.txt"
    static let expectedName = "expected-recon.json"
    static let processingDate = VisaDate(year: 2026, month: 5, day: 16)
    static let purchaseDate = VisaDate(year: 2026, month: 5, day: 15)
    /// The grace the expected counts assume: the day's items are one day old on 05-16.
    static let graceDays = 1
    static let settlement = VisaCurrency.usd
    static let batchTransactionsMax = 1_000
    static let merchantNames = ["SHENZHEN GOLDEN DRAGON", "GUANGZHOU BRIGHT STAR", "DONGGUAN JADE RIVER", "YIWU PEARL DELTA",
                                "NINGBO HARMONY TRADING", "XIAMEN EVERGREEN CO"]
    static let visaCurrencies: [VisaCurrency] = [.hkd, .usd, .twd, .mop]  // as ScenarioTables.currencies
    /// The currency a currency-mismatched presentment claims instead (HKD ↔ MOP, TWD and USD → HKD).
    static let mismatchCurrency = [ScenarioTables.mop, ScenarioTables.hkd, ScenarioTables.hkd, ScenarioTables.hkd]
    /// Smallest capture given a role (10.00): its USD amount is never zero and half of it is whole.
    static let roleAmountMin: Int64 = 1_000

    enum Role { case leftOut, amountMismatch, currencyMismatch, duplicate, garbledARN, chargebackReversed, chargebackHalf }
    static let roles: [Role] = [.leftOut, .leftOut, .amountMismatch, .currencyMismatch, .duplicate, .garbledARN,
                                .chargebackReversed, .chargebackHalf]

    let cards: GeneratedCards
    let seed: UInt64

    struct Output {
        var bytes: [UInt8]
        var expected: ExpectedRecon
    }

    func generate() -> Output {
        var rng = SplitMix64(seed: seed ^ 0x5E77_1E0F_11E5_0001)
        let captures = cards.items.filter { $0.kind == .capture }
        let refunds = cards.items.filter { $0.kind == .refund }
        let (role, leftOutRefund) = Self.drawRoles(captures: captures, refunds: refunds, rng: &rng)

        var file = SettlementFileBuilder(header: VisaHeader(processingBIN: "412345", processingDate: Self.processingDate, isTest: true, fileId: "001"),
                                             tokens: cards.tokens)
        var expected = ExpectedRecon(processingDate: CalendarDay(year: 2026, month: 5, day: 16)!, graceDays: Self.graceDays)
        var duplicate: GeneratedCards.Item?
        var amountMismatchRecord: Int?
        var chargebacks: [(GeneratedCards.Item, Role)] = []
        for (i, c) in captures.enumerated() {
            switch role[i] {
            case .leftOut?:
                expected.count(.missingInFile)
                expected.leftOutCaptures.append(c.itemId)
                continue
            case .amountMismatch?:
                amountMismatchRecord = file.present(c, amount: c.amount - 100, currency: c.currency, arn: c.arn, rng: &rng)
                expected.count(.amountMismatch, tc: "05")
            case .currencyMismatch?:
                file.present(c, amount: c.amount, currency: Self.mismatchCurrency[c.currency], arn: c.arn, rng: &rng)
                expected.count(.currencyMismatch, tc: "05")
            case .garbledARN?:
                file.present(c, amount: c.amount, currency: c.currency, arn: Self.garbled(c.arn), rng: &rng)
                expected.count(.matched, tc: "05")
            case .duplicate?:
                file.present(c, amount: c.amount, currency: c.currency, arn: c.arn, rng: &rng)
                expected.count(.matched, tc: "05")
                duplicate = c
            case .chargebackReversed?, .chargebackHalf?:
                file.present(c, amount: c.amount, currency: c.currency, arn: c.arn, rng: &rng)
                expected.count(.matched, tc: "05")
                chargebacks.append((c, role[i]!))
            case nil:
                file.present(c, amount: c.amount, currency: c.currency, arn: c.arn, rng: &rng)
                expected.count(.matched, tc: "05")
            }
        }
        for (i, r) in refunds.enumerated() {
            if i == leftOutRefund {
                expected.count(.missingInFile)
                expected.leftOutRefund = r.itemId
                continue
            }
            file.refund(r)
            expected.count(.matched, tc: "06")
        }
        if let duplicate {
            file.present(duplicate, amount: duplicate.amount, currency: duplicate.currency, arn: duplicate.arn, rng: &rng)
            expected.count(.duplicatePresentment, tc: "05")
        }
        file.unknownPresentment(rng: &rng)
        expected.count(.missingInLedger, tc: "05")
        for (c, r) in chargebacks {
            file.chargeback(c, .chargeback, amount: r == .chargebackHalf ? c.amount / 2 : c.amount, rng: &rng)
            expected.count(.matched, tc: "15")
        }
        for (c, r) in chargebacks where r == .chargebackReversed {
            file.chargeback(c, .chargebackReversal, amount: c.amount, rng: &rng)
            expected.count(.matched, tc: "35")
        }
        file.subsidyFunding(budgetMinor: cards.budgetMinor)
        expected.transactions["20", default: 0] += 1
        let bytes = file.finish()
        expected.fileId = SHA256Bytes.of(bytes).map { b in String(b >> 4, radix: 16) + String(b & 15, radix: 16) }.joined()
        expected.records = file.recordCount
        expected.amountMismatchException = amountMismatchRecord.map { ExceptionSpec.Id.line(fileId: expected.fileId, record: Int64($0)) }
        return Output(bytes: bytes, expected: expected)
    }

    /// Which captures play a role (by index into `captures`; refunded and small ones never do),
    /// and which refund the file leaves out.
    private static func drawRoles(captures: [GeneratedCards.Item], refunds: [GeneratedCards.Item],
                                  rng: inout SplitMix64) -> (role: [Int: Role], leftOutRefund: Int?) {
        let refunded = Set(refunds.map(\.payment))
        var candidates = captures.indices.filter { !refunded.contains(captures[$0].payment) && captures[$0].amount >= roleAmountMin }
        var role: [Int: Role] = [:]
        for r in roles where !candidates.isEmpty {
            role[candidates.remove(at: rng.below(candidates.count))] = r
        }
        return (role, refunds.isEmpty ? nil : rng.below(refunds.count))
    }

    /// The ARN with its date digits transposed ("6135" → "6153") and a fresh Luhn check digit:
    /// valid, but no capture of the generated day (all dated 6135) carries it.
    static func garbled(_ arn: String) -> String {
        var digits = Array(arn.utf8.dropLast())
        digits.swapAt(9, 10)
        let payload = String(decoding: digits, as: UTF8.self)
        return payload + String(GenFormat.luhnCheckDigit(payload))
    }

    static func usd(_ minor: Int64, currency: Int) -> Int64 {
        GenFormat.divideHalfEven(minor * 1_000, by: ScenarioTables.currencies[currency].perMilleOfUSD)
    }
}
