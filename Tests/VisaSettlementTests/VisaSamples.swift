import VisaSettlement

/// Typed sample records shared by the tests.
enum VisaSamples {
    static let processingDate = VisaDate(year: 2026, month: 5, day: 15)
    static let header = VisaHeader(processingBIN: "412345", processingDate: processingDate, isTest: true,
                                   fileId: "001")
    static let arn = VisaARN.make(formatCode: 7, acquirerBIN: "412345", dateYDDD: "6134", sequence: 42)

    static func draft(_ code: VisaDraftCode = .purchase, source: (Int64, VisaCurrency) = (123_450, .hkd),
                      destination: (Int64, VisaCurrency) = (15_873, .usd), record: Int = 2,
                      tcr1: Bool = true, tcr5: Bool = true, sequence: Int = 42) -> VisaDraft {
        VisaDraft(
            record: record, code: code, qualifier: 0, token: VisaToken(digits: "4111111111111111"),
            accountNumberExtension: "", arn: VisaARN.make(formatCode: 7, acquirerBIN: "412345", dateYDDD: "6134",
                                                          sequence: sequence),
            acquirerBusinessId: "10000001", purchaseDate: VisaDate(year: 2026, month: 5, day: 14),
            destinationAmount: destination.0, destinationCurrency: destination.1,
            sourceAmount: source.0, sourceCurrency: source.1, merchantName: "SHENZHEN BRIGHT TRADING",
            merchantCity: "HONG KONG", merchantCountry: "HK", merchantCategoryCode: "5045", usageCode: 1,
            reasonCode: code == .chargeback ? "30" : "", authorizationCode: "A1B2C3", posEntryMode: "07",
            centralProcessingDate: VisaDate(year: 2026, month: 5, day: 15),
            tcr1: tcr1 ? VisaDraftTCR1(record: record + 1, feeProgramIndicator: "A12", cardAcceptorId: "MERCHANT000001",
                                       terminalId: "TERM0001", ecommerceIndicator: "5") : nil,
            tcr5: tcr5 ? VisaDraftTCR5(record: record + (tcr1 ? 2 : 1), visaTransactionId: "123456789012345",
                                       authorizedAmount: source.0, authorizationCurrency: source.1,
                                       interchangeFeeMicros: 1_234_567, interchangeFeeSign: .debit) : nil)
    }

    static func fee(_ code: VisaFeeCollection.Code = .fundsDisbursement, record: Int = 2,
                    amount: (Int64, VisaCurrency) = (50_000, .usd)) -> VisaFeeCollection {
        VisaFeeCollection(
            record: record, code: code, qualifier: 0, destinationBIN: "412345", sourceBIN: "400000",
            reasonCode: code == .fundsDisbursement ? "5300" : "0100",
            eventDate: VisaDate(year: 2026, month: 5, day: 13), destinationAmount: amount.0,
            destinationCurrency: amount.1, sourceAmount: amount.0, sourceCurrency: amount.1,
            messageText: code == .fundsDisbursement ? "SUBSIDY GBA-2026" : "FEE",
            transactionId: "987654321098765", centralProcessingDate: VisaDate(year: 2026, month: 5, day: 15))
    }

    static func vss(_ type: VisaVSS110Line.AmountType = .total, record: Int = 2, currency: VisaCurrency = .usd,
                    credit: Int64 = 100, debit: Int64 = 336) -> VisaVSS110Line {
        let net = credit - debit
        return VisaVSS110Line(
            record: record, settlementEntityId: "1000012345", currency: currency,
            settlementDate: processingDate, amountType: type, count: 3, credit: credit, debit: debit,
            net: net.magnitude == 0 ? 0 : Int64(net.magnitude), netSign: net < 0 ? .debit : .credit,
            fundsTransferDate: VisaDate(year: 2026, month: 5, day: 16))
    }

    /// A 168-byte record of spaces with `fields` placed at their 1-based positions.
    static func record(_ fields: [(Int, String)]) -> [UInt8] {
        var bytes = [UInt8](repeating: 0x20, count: 168)
        for (position, text) in fields {
            for (i, byte) in text.utf8.enumerated() { bytes[position - 1 + i] = byte }
        }
        return bytes
    }

    /// Writes one file with the given records in order.
    static func file(_ transactions: [VisaTransaction] = [], vss: [VisaVSS110Line] = [],
                     format: VisaFileFormat = .fixed) -> (bytes: [UInt8], model: VisaFile) {
        var writer = VisaFileWriter(header: header, format: format)
        for t in transactions { writer.append(t) }
        for v in vss { writer.append(v) }
        let bytes = writer.finish()
        return (bytes, writer.file)
    }

    static func records(_ bytes: [UInt8]) -> [[UInt8]] {
        stride(from: 0, to: bytes.count, by: 168).map { Array(bytes[$0..<min($0 + 168, bytes.count)]) }
    }

    static func join(_ records: [[UInt8]]) -> [UInt8] { records.flatMap { $0 } }
}
