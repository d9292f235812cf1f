import Testing
import VisaSettlement

/// Sums over file fields that do not fit 64 bits reject the file with a located error, never a trap.
@Suite("overflowing sums are located rejections")
struct VisaOverflowTests {
    /// The largest interchange fee (or VSS-110 net) a 15-digit field holds.
    static let max15 = VisaLimits.amount15Max
    /// 9,223 of them fit Int64; the 9,224th overflows.
    static let max15ThatFit = Int(Int64.max / max15)

    /// `count` USD purchases (TCR 0 and 5: draft k's TCR 5 is record 2k + 1), each with `fee`.
    static func feeFile(drafts count: Int, fee: Int64 = max15, sign: VisaFeeSign = .debit) -> [UInt8] {
        var writer = VisaFileWriter(header: VisaSamples.header, keepsModel: false)
        for k in 0..<count {
            var draft = VisaSamples.draft(tcr1: false, sequence: k)
            draft.tcr5?.interchangeFeeMicros = fee
            draft.tcr5?.interchangeFeeSign = sign
            writer.append(draft)
        }
        return writer.finish()
    }

    static func located(_ result: Result<VisaFile, VisaFileRejection>) -> [String] {
        guard case .failure(let rejection) = result else { return [] }
        return rejection.errors.map { "\($0.record) \($0.positions) \($0.field)" }
    }

    @Test("9,300 drafts with the largest interchange fee: rejected at the fee that overflows the sum",
          arguments: [VisaFeeSign.debit, .credit])
    func overflowingInterchangeFeeSumIsRejectedAtTheFeeThatOverflows(sign: VisaFeeSign) throws {
        let result = VisaFileReader.read(Self.feeFile(drafts: 9_300, sign: sign))
        #expect(Self.located(result) == ["18449 92-106 interchangeFee"])  // draft 9,224
        let error = try #require(result.failure?.errors.first)
        #expect(error.message == "the sum of interchange fees in USD (millionths) within a 64-bit total; "
                    + "adding this fee overflows it")
    }

    @Test("visa inspect of the 9,300-fee file: REJECTED with the located error, nothing listed")
    func inspectionOfTheOverflowingFileIsRejectedWithTheLocatedError() {
        let inspection = VisaInspection(bytes: Self.feeFile(drafts: 9_300), sha256Hex: "00")
        #expect(inspection.file == nil)
        #expect(inspection.text.contains("REJECTED"))
        #expect(inspection.text.contains("record 18449, positions 92-106, interchangeFee: expected the sum of "
                                             + "interchange fees in USD (millionths) within a 64-bit total"))
        #expect(inspection.json.contains(#""valid": false"#) && inspection.json.contains(#""transactions": []"#))
        #expect(!inspection.text.contains("4111111111111111") && !inspection.json.contains("4111111111111111"))
    }

    @Test("9,223 of the largest fees fit: parsed, F net rounded once")
    func largestFeesThatFitAreParsedAndTheNetRoundedOnce() throws {
        let file = try VisaFileReader.read(Self.feeFile(drafts: Self.max15ThatFit)).get()
        let check = try #require(try VisaNetCheck.checks(file).first)
        // −9,223 × 999,999,999.999999 USD = −9,222,999,999,999.990777 → −922,299,999,999,999 cents
        #expect(check.fees.computed == -922_299_999_999_999)
        #expect(check.interchange.computed == Int64(Self.max15ThatFit) * 15_873)
        #expect(VisaInspection(fileId: "00", result: .success(file)).text.contains("Net check"))
    }

    /// `count` VSS-110 T lines with the largest net (line k is record k + 1).
    static func vssFile(lines count: Int, type: VisaVSS110Line.AmountType = .total) -> [UInt8] {
        var writer = VisaFileWriter(header: VisaSamples.header, keepsModel: false)
        for _ in 0..<count {
            writer.append(VisaVSS110Line(
                record: 0, settlementEntityId: "1000012345", currency: .usd, settlementDate: VisaSamples.processingDate,
                amountType: type, count: VisaLimits.amount15Max, credit: VisaLimits.amount15Max, debit: 0,
                net: Self.max15, netSign: .debit, fundsTransferDate: VisaSamples.processingDate))
        }
        return writer.finish()
    }

    @Test("VSS-110 nets of one type: the line whose net overflows their sum is located")
    func overflowingReportedNetsAreLocatedAtTheirLine() {
        #expect(Self.located(VisaFileReader.read(Self.vssFile(lines: Self.max15ThatFit))) == [])
        let result = VisaFileReader.read(Self.vssFile(lines: Self.max15ThatFit + 10))
        #expect(Self.located(result) == ["9225 141-155 net"])
        #expect(result.failure?.errors.first?.message.hasPrefix("the sum of VSS-110 T nets in USD") == true)
    }

    /// 9,223 maximal C nets (credit) then `purchases` USD purchases of 9,999,999,999.99, no fees.
    static func totalFile(purchases: Int) -> [UInt8] {
        var writer = VisaFileWriter(header: VisaSamples.header, keepsModel: false)
        for _ in 0..<max15ThatFit {
            writer.append(VisaVSS110Line(
                record: 0, settlementEntityId: "1000012345", currency: .usd, settlementDate: VisaSamples.processingDate,
                amountType: .visaCharges, count: 0, credit: 0, debit: 0, net: max15, netSign: .credit,
                fundsTransferDate: VisaSamples.processingDate))
        }
        for k in 0..<purchases {
            writer.append(VisaSamples.draft(destination: (VisaLimits.amount12Max, .usd), tcr1: false, tcr5: false,
                                            sequence: k))
        }
        return writer.finish()
    }

    @Test("T net = I + F + C beyond 64 bits: located at the file trailer")
    func totalNetBeyond64BitsIsLocatedAtTheFileTrailer() throws {
        // Int64.max − 9,223 × max15 = 372,036,854,785,030: 372 purchases of 999,999,999,999 fit, 373 do not.
        let fits = try VisaFileReader.read(Self.totalFile(purchases: 372)).get()
        #expect(try VisaNetCheck.checks(fits).first?.total.computed == 9_223_371_999_999_990_405)
        let result = VisaFileReader.read(Self.totalFile(purchases: 373))
        let trailer = 1 + Self.max15ThatFit + 373 + 2
        #expect(Self.located(result) == ["\(trailer) 1-168 totalNet"])
        #expect(result.failure?.errors.first?.message == "the T net in USD (I net + F net + C net, minor units) "
                    + "within a 64-bit total: I net 372999999999627 + F net 0 + C net 9222999999999990777 does not fit")
    }

    @Test("I net and the TC 05 total: 92,234 of the largest CLF amounts overflow both at the last one")
    func interchangeNetAndTC05TotalOverflowAtTheLastAmount() {
        let clf = VisaCurrency.find(code: "CLF")!  // exponent 4: the field's 999,999,999,999 is × 100
        let fit = Int(Int64.max / (VisaLimits.amount12Max * 100))  // 92,233
        var writer = VisaFileWriter(header: VisaSamples.header, keepsModel: false)
        for k in 0...fit {
            writer.append(VisaSamples.draft(destination: (VisaLimits.amount12Max * 100, clf), tcr1: false, tcr5: false,
                                            sequence: k))
        }
        let result = VisaFileReader.read(writer.finish())
        #expect(Self.located(result) == ["\(fit + 2) 62-73 destinationAmount", "\(fit + 2) 62-73 destinationAmount"])
        #expect(result.failure?.errors.map(\.message) == [
            "the I net in CLF (Σ signed destination amounts, minor units) within a 64-bit total; adding this amount overflows it",
            "the total of TC 05 destination amounts in CLF (minor units) within a 64-bit total; adding this amount overflows it",
        ])
    }

    @Test("the arithmetic reports overflow instead of trapping, also for values no file field holds")
    func arithmeticReportsOverflowInsteadOfTrapping() throws {
        var a = VisaSettlementArithmetic()
        let huge = VisaSamples.draft(.creditVoucher, destination: (Int64.max, .usd))
        #expect(a.add(huge).isEmpty)
        #expect(a.add(huge) == [VisaSumOverflow(.interchangeNet, currency: .usd)])
        #expect(a.add(huge).isEmpty)  // reported once
        #expect(a.interchangeNet(.usd) == nil)
        #expect(throws: VisaSumOverflow(.interchangeNet, currency: .usd)) { try a.net(.usd, charges: 0) }
        var b = VisaSettlementArithmetic()
        b.add(VisaSamples.draft(destination: (Int64.max, .usd), tcr5: false))
        #expect(throws: VisaSumOverflow(.totalNet, currency: .usd)) { try b.net(.usd, charges: 1) }
        #expect(try b.net(.usd, charges: -1).total == Int64.max - 1)
        #expect(VisaAmount.minorUnits(fieldValue: Int64.max, exponent: 3) == nil)
    }

    @Test("a hand-built file whose sums overflow: the net check throws, the summary says so")
    func handBuiltOverflowingFileFailsTheNetCheckAndTheSummarySaysSo() {
        let big = VisaSamples.draft(destination: (Int64.max, .usd))
        let file = VisaFile(format: .fixed, header: VisaSamples.header, transactions: [.draft(big), .draft(big)],
                            vss110: [], skipped: [:], trailers: [], recordCount: 4)
        #expect(throws: VisaSumOverflow(.interchangeNet, currency: .usd)) { try VisaNetCheck.checks(file) }
        let text = VisaInspection(fileId: "00", result: .success(file)).text
        #expect(text.contains("TC 05  2  USD overflows Int64"))
        #expect(text.contains("Net check: the I net in USD"))
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let f) = self { return f }
        return nil
    }
}
