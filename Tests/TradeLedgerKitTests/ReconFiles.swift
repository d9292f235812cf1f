import Foundation
import Money
import TestSupport
import TradeLedgerKit
import VisaSettlement

/// Settlement files whose VSS-110 summary agrees with the arithmetic of VISA-FILE.md, and the
/// checks every booking test ends with.
extension Recon {
    /// A TC 10 / 20 in the processing date's profile; amounts in minor units.
    static func feeCollection(_ code: VisaFeeCollection.Code, reason: String, source: (Int64, VisaCurrency),
                              dest: (Int64, VisaCurrency)? = nil, message: String = "") -> VisaFeeCollection {
        let dest = dest ?? source
        return VisaFeeCollection(record: 0, code: code, destinationBIN: "412345", sourceBIN: "400000", reasonCode: reason,
                                 eventDate: VisaDate(year: 2026, month: 5, day: 14), destinationAmount: dest.0,
                                 destinationCurrency: dest.1, sourceAmount: source.0, sourceCurrency: source.1, messageText: message,
                                 transactionId: "", centralProcessingDate: processingDate)
    }

    /// A draft carrying an interchange fee in millionths (TCR 5).
    static func draft(_ code: VisaDraftCode, arnN: Int, source: (Int64, VisaCurrency), vtidN: Int, feeMicros: Int64,
                      feeSign: VisaFeeSign) -> VisaDraft {
        var d = draft(code, arnN: arnN, source: source, vtidN: vtidN)
        d.tcr5?.interchangeFeeMicros = feeMicros
        d.tcr5?.interchangeFeeSign = feeSign
        return d
    }

    /// A CRLF file whose VSS-110 lines, one set per settlement currency, report exactly what the
    /// arithmetic computes: I and F computed, C as given (`charges`, signed), T = I + F + C.
    static func consistentFile(_ transactions: [VisaTransaction], charges: [VisaCurrency: Int64] = [:], fileSeq: String = "001",
                               date: VisaDate = processingDate) throws -> (path: String, records: [Int], nets: [VisaCurrency: Int64]) {
        var writer = VisaFileWriter(header: VisaHeader(processingBIN: "412345", processingDate: date, isTest: true, fileId: fileSeq),
                                    format: .lines(.crlf))
        var records: [Int] = []
        var arithmetic = VisaSettlementArithmetic()
        for t in transactions {
            switch t {
            case .draft(let d): let numbered = writer.append(d); records.append(numbered.record); _ = arithmetic.add(numbered)
            case .feeCollection(let f): let numbered = writer.append(f); records.append(numbered.record); _ = arithmetic.add(numbered)
            }
        }
        var totals: [VisaCurrency: Int64] = [:]
        for currency in Set(arithmetic.currencies + Array(charges.keys)).sorted(by: { $0.code < $1.code }) {
            let net = try arithmetic.net(currency, charges: charges[currency] ?? 0)
            totals[currency] = net.total
            let lines: [(VisaVSS110Line.AmountType, Int64)] = [(.interchange, net.interchange), (.reimbursementFees, net.fees),
                                                               (.visaCharges, net.charges), (.total, net.total)]
            for (type, value) in lines {
                writer.append(VisaVSS110Line(record: 0, settlementEntityId: "1000012345", currency: currency, settlementDate: date,
                                             amountType: type, count: Int64(transactions.count), credit: max(value, 0),
                                             debit: max(-value, 0), net: Int64(value.magnitude), netSign: value < 0 ? .debit : .credit,
                                             fundsTransferDate: date))
            }
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tl-recon-\(UUID().uuidString).txt").path
        FileManager.default.createFile(atPath: path, contents: Data(writer.finish()))
        return (path, records, totals)
    }

    /// Σ of every account per currency (the trial balance): zero for each currency.
    static func trialBalance(_ balances: [String: [String: Int64]]) -> [String: Int64] {
        var sums: [String: Int64] = [:]
        for (_, perCurrency) in balances { for (c, v) in perCurrency { sums[c, default: 0] += v } }
        return sums
    }

    /// Runs the projections and `verify`; returns whether the chain verified up to the head.
    static func verifies(_ url: String) throws -> Bool {
        _ = try ProjectionService(store: try openStore(url)).runOnce()
        let verified = try VerifyService(config: DatabaseConfig(conninfo: url)).run()
        return verified.chain.headSeq == (try head(url))
    }
}
