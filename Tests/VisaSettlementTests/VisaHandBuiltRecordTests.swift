import Testing
import VisaSettlement

/// Records built by hand, each field placed at the position VISA-FILE.md gives, then read and
/// checked field by field.
@Suite("hand-built records match VISA-FILE.md positions")
struct VisaHandBuiltRecordTests {
    static let header = VisaSamples.record([(1, "90"), (3, "412345"), (9, "26135"), (30, "TEST"), (77, "007")])
    static let arn = VisaARN.make(formatCode: 7, acquirerBIN: "412345", dateYDDD: "6134", sequence: 99)
    static let draftTCR0 = VisaSamples.record([
        (1, "05"), (3, "0"), (4, "0"), (5, "4111111111111111"), (21, "001"), (27, arn), (50, "10000001"),
        (58, "1231"), (62, "000000012345"), (74, "840"), (77, "000001234500"), (89, "392"),
        (92, "SHENZHEN BRIGHT TRADING"), (117, "SHENZHEN"), (130, "CN "), (133, "5045"), (147, "1"),
        (148, "  "), (152, "AB12C9"), (162, "07"), (164, "5365"),
    ])
    static let draftTCR1 = VisaSamples.record([
        (1, "05"), (3, "0"), (4, "1"), (76, "A12"), (81, "MERCHANT0000042"), (96, "TERM0042"), (116, "7"),
    ])
    static let draftTCR5 = VisaSamples.record([
        (1, "05"), (3, "0"), (4, "5"), (5, "300000000000042"), (20, "000001234500"), (32, "392"),
        (92, "000000001500001"), (107, "C"),
    ])
    static let fee = VisaSamples.record([
        (1, "20"), (3, "0"), (4, "0"), (5, "412345"), (11, "400000"), (17, "5300"), (24, "0229"),
        (47, "000000010000"), (59, "414"), (62, "000000010000"), (74, "414"), (77, "SUBSIDY GBA-2026"),
        (148, "987654321098765"), (164, "6135"),
    ])
    static let vss = VisaSamples.record([
        (1, "46"), (3, "0"), (4, "0"), (37, "1000012345"), (50, "840"), (59, "V"), (60, "2"), (61, "110"),
        (66, "2026135"), (94, "T"), (96, "000000000000003"), (111, "000000000000100"),
        (126, "000000000000336"), (141, "000000000000236"), (156, "DB"), (158, "2026136"),
    ])
    static let skipped45 = VisaSamples.record([(1, "45"), (3, "0"), (4, "0")])
    // Batch: records 2-6 (draft 3 TCRs, fee, itself): 2 monetary transactions of 2.
    static let batch = VisaSamples.record([
        (1, "91"), (3, "0"), (4, "0"), (5, "412345"), (11, "26135"), (16, "000000000022345"),
        (31, "000000000002"), (43, "000001"), (49, "000000000005"), (67, "B0000001"), (75, "000000002"),
        (102, "000000001244500"),
    ])
    // File: records 2-9 (header excluded, itself included); 4 transactions, 2 monetary, 1 batch.
    static let file = VisaSamples.record([
        (1, "92"), (3, "0"), (4, "0"), (5, "412345"), (11, "26135"), (16, "000000000022345"),
        (31, "000000000002"), (43, "000001"), (49, "000000000008"), (75, "000000004"),
        (102, "000000001244500"),
    ])
    static var bytes: [UInt8] {
        VisaSamples.join([header, draftTCR0, draftTCR1, draftTCR5, fee, batch, vss, skipped45, file])
    }

    func read() throws -> VisaFile {
        try VisaFileReader.read(Self.bytes).get()
    }

    @Test("the TC 90 header's fields")
    func headerFieldsAreReadFromTheirPositions() throws {
        let h = try read().header
        #expect(h.record == 1)
        #expect(h.processingBIN == "412345")
        #expect(h.processingDate == VisaDate(year: 2026, month: 5, day: 15))
        #expect(h.isTest)
        #expect(h.fileId == "007")
    }

    @Test("a draft's TCR 0 fields, with JPY amounts and inferred years")
    func draftTCR0FieldsAreReadWithJPYAmountsAndInferredYears() throws {
        let d = try #require(try read().drafts.first)
        #expect(d.record == 2)
        #expect(d.code == .purchase)
        #expect(d.token.digits == Array("4111111111111111".utf8))
        #expect(d.accountNumberExtension == "001")
        #expect(d.arn == Self.arn)
        #expect(d.acquirerBusinessId == "10000001")
        #expect(d.purchaseDate == VisaDate(year: 2025, month: 12, day: 31))
        #expect(d.destinationAmount == 12_345)
        #expect(d.destinationCurrency == .usd)
        #expect(d.sourceAmount == 12_345)
        #expect(d.sourceCurrency == .jpy)
        #expect(d.merchantName == "SHENZHEN BRIGHT TRADING")
        #expect(d.merchantCity == "SHENZHEN")
        #expect(d.merchantCountry == "CN")
        #expect(d.merchantCategoryCode == "5045")
        #expect(d.usageCode == 1)
        #expect(d.reasonCode == "")
        #expect(d.authorizationCode == "AB12C9")
        #expect(d.posEntryMode == "07")
        #expect(d.centralProcessingDate == VisaDate(year: 2025, month: 12, day: 31))
    }

    @Test("a draft's TCR 1 and TCR 5 fields, the fee kept in millionths")
    func draftTCR1And5FieldsAreReadWithTheFeeInMillionths() throws {
        let d = try #require(try read().drafts.first)
        let t1 = try #require(d.tcr1)
        #expect(t1.record == 3)
        #expect(t1.feeProgramIndicator == "A12")
        #expect(t1.cardAcceptorId == "MERCHANT0000042")
        #expect(t1.terminalId == "TERM0042")
        #expect(t1.ecommerceIndicator == "7")
        let t5 = try #require(d.tcr5)
        #expect(t5.record == 4)
        #expect(t5.visaTransactionId == "300000000000042")
        #expect(t5.authorizedAmount == 12_345)
        #expect(t5.authorizationCurrency == .jpy)
        #expect(t5.interchangeFeeMicros == 1_500_001)
        #expect(t5.interchangeFeeSign == .credit)
        #expect(t5.signedInterchangeFeeMicros == 1_500_001)
    }

    @Test("a TC 20 / 5300 in KWD: amounts ×10, programme from the message, 29 Feb inferred")
    func feeCollectionFieldsAreReadInKWDWithTheProgrammeAndLeapDay() throws {
        let f = try #require(try read().feeCollections.first)
        #expect(f.record == 5)
        #expect(f.code == .fundsDisbursement)
        #expect(f.destinationBIN == "412345")
        #expect(f.sourceBIN == "400000")
        #expect(f.reasonCode == "5300")
        #expect(f.eventDate == VisaDate(year: 2024, month: 2, day: 29))
        #expect(f.destinationAmount == 100_000)
        #expect(f.destinationCurrency == .kwd)
        #expect(f.sourceAmount == 100_000)
        #expect(f.messageText == "SUBSIDY GBA-2026")
        #expect(f.subsidyProgramId == "GBA-2026")
        #expect(f.transactionId == "987654321098765")
        #expect(f.centralProcessingDate == VisaDate(year: 2026, month: 5, day: 15))
    }

    @Test("a VSS-110 line's fields")
    func vss110FieldsAreReadFromTheirPositions() throws {
        let v = try #require(try read().vss110.first)
        #expect(v.record == 7)
        #expect(v.settlementEntityId == "1000012345")
        #expect(v.currency == .usd)
        #expect(v.settlementDate == VisaDate(year: 2026, month: 5, day: 15))
        #expect(v.amountType == .total)
        #expect(v.count == 3)
        #expect(v.credit == 100)
        #expect(v.debit == 336)
        #expect(v.net == 236)
        #expect(v.netSign == .debit)
        #expect(v.signedNet == -236)
        #expect(v.fundsTransferDate == VisaDate(year: 2026, month: 5, day: 16))
    }

    @Test("trailers, skipped counts and the record count")
    func trailerFieldsSkippedCountsAndRecordCountAreRead() throws {
        let f = try read()
        #expect(f.format == .fixed)
        #expect(f.recordCount == 9)
        #expect(f.skipped == ["45": 1])
        #expect(f.trailers.count == 2)
        let b = f.trailers[0]
        #expect(b.record == 6 && b.code == .batch && b.bin == "412345")
        #expect(b.processingDate == VisaDate(year: 2026, month: 5, day: 15))
        #expect(b.destinationHashTotal == 22_345 && b.sourceHashTotal == 1_244_500)
        #expect(b.monetaryTransactionCount == 2 && b.batchNumber == 1 && b.tcrCount == 5)
        #expect(b.centerBatchId == "B0000001" && b.transactionCount == 2)
        let t = f.trailers[1]
        #expect(t.record == 9 && t.code == .file && t.tcrCount == 8 && t.transactionCount == 4 && t.batchNumber == 1)
    }

    @Test("the writer places every field where the hand-built record has it")
    func writerPlacesEveryFieldWhereTheHandBuiltRecordHasIt() throws {
        let file = try read()
        var writer = VisaFileWriter(header: file.header)
        for t in file.transactions { writer.append(t) }
        writer.appendBatchTrailer(centerBatchId: "B0000001")
        for v in file.vss110 { writer.append(v) }
        writer.appendSkipped(record: Self.skipped45)
        let written = VisaSamples.records(writer.finish(closingBatch: false))
        let expected = VisaSamples.records(Self.bytes)
        #expect(written.count == expected.count)
        for (i, (w, e)) in zip(written, expected).enumerated() {
            #expect(w == e, "record \(i + 1): \(String(decoding: w, as: UTF8.self)) vs \(String(decoding: e, as: UTF8.self))")
        }
    }
}
