import Money
import VisaSettlement

/// Writes the lines of a generated settlement file (`SettlementFileGenerator`): drafts settled in
/// USD with their interchange fees, a subsidy funding record, batch trailers every
/// `SettlementFileGenerator.batchTransactionsMax` transactions, and a VSS-110 summary computed
/// with the same arithmetic `reconcile` checks.
struct SettlementFileBuilder {
    typealias G = SettlementFileGenerator
    var writer: VisaFileWriter
    var arithmetic = VisaSettlementArithmetic()
    var transactions = 0
    var presentments = 0
    var recordCount = 0

    /// Token digits per buyer index (`GeneratedCards.tokens`).
    let tokens: [String]

    init(header: VisaHeader, tokens: [String]) {
        writer = VisaFileWriter(header: header, format: .lines(.crlf), keepsModel: false)
        self.tokens = tokens
    }

    /// A TC 05 for capture `c` as the file shows it (amount, currency and ARN possibly garbled);
    /// returns its record number.
    @discardableResult
    mutating func present(_ c: GeneratedCards.Item, amount: Int64, currency: Int, arn: String, rng: inout SplitMix64) -> Int {
        presentments += 1
        return append(draft(.purchase, c, amount: amount, currency: currency, arn: arn, token: token(c), fee: (.debit, Self.feeBps(&rng))))
    }

    /// A TC 06 for refund `r` (no TCR 5: a refund carries no transaction id).
    mutating func refund(_ r: GeneratedCards.Item) {
        append(draft(.creditVoucher, r, amount: r.amount, currency: r.currency, arn: r.arn, token: Self.refundToken, fee: nil))
    }

    /// A TC 15 or TC 35 naming capture `c` by its ARN.
    mutating func chargeback(_ c: GeneratedCards.Item, _ code: VisaDraftCode, amount: Int64, rng: inout SplitMix64) {
        append(draft(code, c, amount: amount, currency: c.currency, arn: c.arn, token: token(c),
                     fee: (code == .chargeback ? .credit : .debit, Self.feeBps(&rng))))
    }

    /// A presentment no capture of the day carries: ARN dated 6134, a transaction id below any the
    /// generator draws, an unbound token.
    mutating func unknownPresentment(rng: inout SplitMix64) {
        let amount = Int64(rng.int(5_000...500_000))
        let arn = VisaARN.make(formatCode: 7, acquirerBIN: "455701", dateYDDD: "6134", sequence: rng.below(100_000_000))
        let item = GeneratedCards.Item(kind: .capture, payment: 0, itemId: "", arn: arn,
                                       visaTransactionId: "0" + GenFormat.padded(Int64(rng.below(1_000_000_000)), 14),
                                       authCode: "UNKNWN", buyer: -1, currency: ScenarioTables.hkd, amount: amount)
        presentments += 1
        append(draft(.purchase, item, amount: amount, currency: ScenarioTables.hkd, arn: arn, token: Self.unboundToken,
                     fee: (.debit, Self.feeBps(&rng))))
    }

    /// TC 20 reason 5300: funding for the generated programme, half its budget (whole HKD).
    mutating func subsidyFunding(budgetMinor: Int64) {
        let source = max(100, budgetMinor / 2 / 100 * 100)
        let fee = VisaFeeCollection(
            record: 0, code: .fundsDisbursement, destinationBIN: "412345", sourceBIN: "400000", reasonCode: VisaFeeCollection.subsidyReasonCode,
            eventDate: G.purchaseDate, destinationAmount: G.usd(source, currency: ScenarioTables.hkd), destinationCurrency: G.settlement,
            sourceAmount: source, sourceCurrency: .hkd, messageText: VisaFeeCollection.subsidyMessagePrefix + ScenarioRun.programId,
            transactionId: "", centralProcessingDate: G.processingDate)
        startTransaction()
        let numbered = writer.append(fee)
        arithmetic.add(numbered)
        recordCount = numbered.record
    }

    /// Closes the file: the VSS-110 I, F, C (0.02 USD per presentment, charged) and T lines.
    mutating func finish() -> [UInt8] {
        let charges = -Int64(presentments) * 2
        let net: VisaSettlementArithmetic.Net
        do throws(VisaSumOverflow) { net = try arithmetic.net(G.settlement, charges: charges) } catch {
            preconditionFailure("generated sums are far inside 64 bits: \(error)")
        }
        let lines: [(VisaVSS110Line.AmountType, Int64)] = [(.interchange, net.interchange), (.reimbursementFees, net.fees),
                                                           (.visaCharges, charges), (.total, net.total)]
        for (type, value) in lines {
            writer.append(VisaVSS110Line(record: 0, settlementEntityId: "1000012345", currency: G.settlement, settlementDate: G.processingDate,
                                         amountType: type, count: Int64(transactions), credit: max(value, 0), debit: max(-value, 0),
                                         net: Int64(value.magnitude), netSign: value < 0 ? .debit : .credit, fundsTransferDate: G.processingDate))
        }
        let bytes = writer.finish()
        recordCount = writer.file.recordCount
        return bytes
    }

    // MARK: records

    /// The account-number field of lines whose token does not matter (refunds match by ARN only;
    /// the unknown presentment's card is bound to nobody).
    static let refundToken = "4999000011110001"
    static let unboundToken = "4999000011112229"

    func token(_ c: GeneratedCards.Item) -> String { c.buyer >= 0 && c.buyer < tokens.count ? tokens[c.buyer] : Self.unboundToken }

    /// An interchange fee rate for one line: 110–189 basis points.
    static func feeBps(_ rng: inout SplitMix64) -> Int64 { Int64(110 + rng.below(80)) }

    /// A draft of `amount` in `currency` settled in USD; with `fee`, a TCR 5 carrying the item's
    /// transaction id and an interchange fee of `fee.bps` of the settled amount, in millionths.
    func draft(_ code: VisaDraftCode, _ c: GeneratedCards.Item, amount: Int64, currency: Int, arn: String, token: String,
               fee: (sign: VisaFeeSign, bps: Int64)?) -> VisaDraft {
        let source = G.visaCurrencies[currency]
        let settled = G.usd(amount, currency: currency)
        // settled minor units × 10^4 millionths per cent × bps / 10^4 = settled × bps
        let tcr5 = fee.map { VisaDraftTCR5(record: 0, visaTransactionId: c.visaTransactionId, authorizedAmount: amount,
                                           authorizationCurrency: source, interchangeFeeMicros: settled * $0.bps,
                                           interchangeFeeSign: $0.sign) }
        return VisaDraft(
            record: 0, code: code, token: VisaToken(digits: token), arn: arn, acquirerBusinessId: "10000001", purchaseDate: G.purchaseDate,
            destinationAmount: settled, destinationCurrency: G.settlement, sourceAmount: amount, sourceCurrency: source,
            merchantName: G.merchantNames[c.payment % G.merchantNames.count], merchantCity: "HONG KONG", merchantCountry: "HK",
            merchantCategoryCode: "5045", reasonCode: code == .chargeback ? "30" : "", authorizationCode: c.authCode.isEmpty ? "000000" : c.authCode,
            posEntryMode: "07", centralProcessingDate: G.processingDate, tcr5: tcr5)
    }

    mutating func startTransaction() {
        transactions += 1
        if transactions > 1 && (transactions - 1) % G.batchTransactionsMax == 0 { writer.appendBatchTrailer() }
    }

    @discardableResult
    mutating func append(_ draft: VisaDraft) -> Int {
        startTransaction()
        let numbered = writer.append(draft)
        arithmetic.add(numbered)
        recordCount = numbered.record
        return numbered.record
    }
}
