import EventStore
import Foundation
import LedgerDomain
import Money
import Reconciliation
import TestSupport
import TradeLedgerKit
import VisaSettlement

/// Hand-built ledgers and settlement files for the reconciliation tests.
enum Recon {
    static let processingDate = VisaDate(year: 2026, month: 5, day: 15)
    static let token = "4000000000000001"  // Cmd.card binds BND1/BND2 to this token

    static func arn(_ n: Int) -> String { VisaARN.make(formatCode: 7, acquirerBIN: "412345", dateYDDD: "6134", sequence: n) }
    static func vtid(_ n: Int) -> String { String(300_000_000_000_000 + n) }

    static func capture(_ payment: String, invoice: String, amount: String, arnN: Int, auth: String, at: String, n: String) -> String {
        #"{"type":"CaptureCardPayment","commandId":"\#(n)","paymentId":"\#(payment)","invoiceId":"\#(invoice)","bindingId":"BND1","amount":"\#(amount)","currency":"HKD","arn":"\#(arn(arnN))","authCode":"\#(auth)","visaTransactionId":"\#(vtid(arnN))","at":"\#(at)"}"#
    }

    static func refund(_ refund: String, payment: String, amount: String, arnN: Int, at: String, n: String) -> String {
        #"{"type":"RefundCardPayment","commandId":"\#(n)","refundId":"\#(refund)","paymentId":"\#(payment)","amount":"\#(amount)","arn":"\#(arn(arnN))","at":"\#(at)"}"#
    }

    /// A draft: source and destination in minor units; a TCR 5 only when `vtidN` is given.
    static func draft(_ code: VisaDraftCode, arnN: Int, source: (Int64, VisaCurrency), dest: (Int64, VisaCurrency)? = nil,
                      vtidN: Int? = nil, auth: String = "ZZZZZZ", purchase: VisaDate = VisaDate(year: 2026, month: 5, day: 14),
                      token: String = Recon.token) -> VisaDraft {
        let dest = dest ?? source
        return VisaDraft(
            record: 0, code: code, token: VisaToken(digits: token), arn: arn(arnN), acquirerBusinessId: "10000001",
            purchaseDate: purchase, destinationAmount: dest.0, destinationCurrency: dest.1, sourceAmount: source.0,
            sourceCurrency: source.1, merchantName: "SHENZHEN BRIGHT TRADING", merchantCity: "HONG KONG", merchantCountry: "HK",
            merchantCategoryCode: "5045", reasonCode: code == .chargeback ? "30" : "", authorizationCode: auth, posEntryMode: "07",
            centralProcessingDate: processingDate,
            tcr5: vtidN.map { VisaDraftTCR5(record: 0, visaTransactionId: vtid($0), authorizedAmount: source.0,
                                            authorizationCurrency: source.1, interchangeFeeMicros: 0, interchangeFeeSign: .debit) })
    }

    /// Writes a file (CRLF lines) of `transactions` and VSS-110 lines in HKD with the given reported
    /// I net (nil: the computed one), F and C zero, T = I. Returns the path and the numbered drafts.
    static func file(_ transactions: [VisaTransaction], reportedInterchange: Int64? = nil, fileSeq: String = "001",
                     date: VisaDate = processingDate) -> (path: String, records: [Int]) {
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
        let computed = arithmetic.interchangeNet(.hkd) ?? 0
        let i = reportedInterchange ?? computed
        for (type, value) in [(VisaVSS110Line.AmountType.interchange, i), (.reimbursementFees, 0), (.visaCharges, 0), (.total, i)] {
            writer.append(VisaVSS110Line(record: 0, settlementEntityId: "1000012345", currency: .hkd, settlementDate: date, amountType: type,
                                         count: Int64(transactions.count), credit: max(value, 0), debit: max(-value, 0),
                                         net: Int64(value.magnitude), netSign: value < 0 ? .debit : .credit, fundsTransferDate: date))
        }
        let bytes = writer.finish()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tl-recon-\(UUID().uuidString).txt").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return (path, records)
    }

    /// Imports `path` as the CLI does, with a second connection for the index phase's catch-up
    /// (`twoConnections: false`: everything on one, as manual matches catch up).
    static func reconcile(_ url: String, _ path: String, dryRun: Bool = false, graceDays: Int = 2,
                          twoConnections: Bool = true) throws -> ReconReportBox {
        let service = ReconcileService(store: try openStore(url), reader: twoConnections ? try openStore(url) : nil, tokenKey: testTokenKey,
                                       options: ReconcileService.Options(dryRun: dryRun, graceDays: graceDays))
        return ReconReportBox(report: try service.run(path: path))
    }

    /// Balances from replaying every event's postings: account → currency → minor units.
    static func balances(_ url: String) throws -> [String: [String: Int64]] {
        let store = try openStore(url)
        var reader = try LedgerReader(store: store)
        var out: [String: [String: Int64]] = [:]
        while true {
            let page = try reader.next()
            if page.isEmpty { break }
            for e in page {
                let event = try DomainEvent.decode(eventType: e.eventType, schemaVersion: Int(e.schemaVersion), body: e.body)
                for p in event.postings { out[p.account, default: [:]][p.currency.code, default: 0] += p.amountMinor }
            }
        }
        return out
    }

    static func head(_ url: String) throws -> Int64 { try openStore(url).head().seq }
}

/// The report (a box so tests can name it).
struct ReconReportBox {
    let report: Reconciliation.ReconReport
}
