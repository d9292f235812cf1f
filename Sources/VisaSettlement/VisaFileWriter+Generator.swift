import Money

/// Deterministic large valid files for benchmarks and soak tests.
extension VisaFileWriter {
    /// Transactions per batch in generated files.
    public static let generatorBatchTransactionsMax = 1_000
    static let generatorSourceCurrencies: [VisaCurrency] = [.hkd, .cny, .mop, .twd, .jpy, .kwd, .usd, .eur, .sgd, .krw]
    static let generatorMerchants = ["SHENZHEN BRIGHT TRADING", "GUANGZHOU TEXTILE CO", "MACAU LIGHTING LTD",
                                     "TAIPEI COMPONENTS", "DONGGUAN PRECISION MFG", "NINGBO HOME GOODS"]

    /// A valid file of `drafts` drafts (each with TCR 0, 1 and 5) settling in USD, in batches of
    /// `generatorBatchTransactionsMax`, closed by VSS-110 I, F, C and T lines that agree with the
    /// settlement arithmetic. The same seed gives the same bytes.
    public static func generate(drafts: Int, seed: UInt64, format: VisaFileFormat = .fixed,
                                header: VisaHeader? = nil) -> [UInt8] {
        precondition(drafts >= 0, "a count of drafts")
        let header = header ?? VisaHeader(processingBIN: "412345",
                                          processingDate: VisaDate(year: 2026, month: 5, day: 15),
                                          isTest: true, fileId: "001")
        var random = SplitMix64(seed: seed)
        var writer = VisaFileWriter(header: header, format: format, keepsModel: false)
        writer.reserveCapacity(records: drafts * 3 + drafts / generatorBatchTransactionsMax + 8)
        var arithmetic = VisaSettlementArithmetic()
        var purchases = 0
        for i in 0..<drafts {
            let draft = generatedDraft(index: i, processingDate: header.processingDate, random: &random)
            writer.append(draft)
            arithmetic.add(draft)
            if draft.code == .purchase { purchases += 1 }
            if (i + 1) % generatorBatchTransactionsMax == 0 { writer.appendBatchTrailer() }
        }
        let charges = -Int64(drafts) * 2
        let net: VisaSettlementArithmetic.Net
        do throws(VisaSumOverflow) { net = try arithmetic.net(.usd, charges: charges) } catch {
            preconditionFailure("generated amounts are small: \(error)")  // fees < 50 USD, amounts < 20,000 USD
        }
        let types: [(VisaVSS110Line.AmountType, Int64)] = [
            (.interchange, net.interchange), (.reimbursementFees, net.fees), (.visaCharges, charges), (.total, net.total),
        ]
        for (type, value) in types {
            writer.append(VisaVSS110Line(
                record: 0, settlementEntityId: "1000012345", currency: .usd, settlementDate: header.processingDate,
                amountType: type, count: Int64(drafts), credit: max(value, 0), debit: max(-value, 0),
                net: Int64(value.magnitude), netSign: value < 0 ? .debit : .credit,
                fundsTransferDate: header.processingDate))
        }
        return writer.finish()
    }

    /// One generated draft (TCR 0, 1 and 5) settling in USD: the `index`-th of a file processed on
    /// `processingDate`. The fuzzers build their base files from it.
    public static func generatedDraft(index: Int, processingDate: VisaDate, random: inout SplitMix64) -> VisaDraft {
        let roll = random.below(100)
        let code: VisaDraftCode = roll < 85 ? .purchase : roll < 93 ? .creditVoucher : roll < 96 ? .chargeback
            : roll < 98 ? .reversal : .chargebackReversal
        let source = generatorSourceCurrencies[random.below(generatorSourceCurrencies.count)]
        var sourceAmount = Int64(100 + random.below(5_000_000))
        if source.exponent > VisaAmount.fieldDecimals { sourceAmount *= 10 }
        let destinationAmount = Int64(100 + random.below(2_000_000))
        let token = String(4_000_000_000_000_000 + UInt64(random.below(999_999_999_999)))
        let authCode = String(100_000 + random.below(900_000))
        let daysBack = random.below(5)
        let purchaseDate = VisaDate(year: processingDate.year, dayOfYear: max(1, processingDate.dayOfYear - daysBack))
            ?? processingDate
        let ydddText = String(processingDate.year % 10) + String(1000 + purchaseDate.dayOfYear).dropFirst()
        return VisaDraft(
            record: 0, code: code, token: VisaToken(digits: token),
            arn: VisaARN.make(formatCode: 7, acquirerBIN: "412345", dateYDDD: ydddText, sequence: index),
            acquirerBusinessId: "10000001", purchaseDate: purchaseDate, destinationAmount: destinationAmount,
            destinationCurrency: .usd, sourceAmount: sourceAmount, sourceCurrency: source,
            merchantName: generatorMerchants[random.below(generatorMerchants.count)], merchantCity: "HONG KONG",
            merchantCountry: "HK", merchantCategoryCode: "5045", usageCode: 1,
            reasonCode: code == .chargeback ? "30" : "", authorizationCode: authCode, posEntryMode: "07",
            centralProcessingDate: processingDate,
            tcr1: VisaDraftTCR1(record: 0, feeProgramIndicator: "A12", cardAcceptorId: "M\(100_000 + index % 50_000)",
                                terminalId: "T0000001", ecommerceIndicator: "5"),
            tcr5: VisaDraftTCR5(record: 0, visaTransactionId: String(300_000_000_000_000 + index),
                                authorizedAmount: sourceAmount, authorizationCurrency: source,
                                interchangeFeeMicros: Int64(random.below(50_000_000)),
                                interchangeFeeSign: random.below(10) == 0 ? .credit : .debit))
    }
}
