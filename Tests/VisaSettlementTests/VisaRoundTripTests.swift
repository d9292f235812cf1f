import Testing
import VisaSettlement

@Suite("reader(writer(x)) == x")
struct VisaRoundTripTests {
    static let currencyClasses: [(Int64, VisaCurrency)] = [(123_450, .hkd), (12_345, .jpy), (12_340, .kwd)]

    @Test("a draft of each TC round-trips", arguments: VisaDraftCode.allCases)
    func draftOfEachTCRoundTrips(code: VisaDraftCode) throws {
        let draft = VisaSamples.draft(code)
        let (bytes, model) = VisaSamples.file([.draft(draft)])
        let file = try VisaFileReader.read(bytes).get()
        #expect(file == model)
        #expect(file.transactions == [.draft(draft)])
    }

    @Test("drafts in HKD, JPY and KWD round-trip in minor units", arguments: [0, 1, 2])
    func draftsInEachCurrencyClassRoundTripInMinorUnits(index: Int) throws {
        let amount = Self.currencyClasses[index]
        let draft = VisaSamples.draft(source: amount, destination: amount)
        let (bytes, model) = VisaSamples.file([.draft(draft)])
        let file = try VisaFileReader.read(bytes).get()
        #expect(file == model)
        #expect(file.drafts.first?.sourceAmount == amount.0)
        #expect(file.drafts.first?.sourceCurrency == amount.1)
    }

    @Test("drafts without TCR 1 or TCR 5 round-trip")
    func draftsWithoutOptionalTCRsRoundTrip() throws {
        let a = VisaSamples.draft(record: 2, tcr1: false, tcr5: false)
        let b = VisaSamples.draft(.creditVoucher, record: 3, tcr1: false, tcr5: true, sequence: 43)
        let c = VisaSamples.draft(.chargeback, record: 5, tcr1: true, tcr5: false, sequence: 44)
        let (bytes, model) = VisaSamples.file([.draft(a), .draft(b), .draft(c)])
        let file = try VisaFileReader.read(bytes).get()
        #expect(file == model)
        #expect(file.transactions == [.draft(a), .draft(b), .draft(c)])
    }

    @Test("TC 10 and TC 20 round-trip in each currency class", arguments: [0, 1, 2])
    func feeCollectionsRoundTripInEachCurrencyClass(index: Int) throws {
        let amount = Self.currencyClasses[index]
        let fee10 = VisaSamples.fee(.feeCollection, record: 2, amount: amount)
        let fee20 = VisaSamples.fee(.fundsDisbursement, record: 3, amount: amount)
        let (bytes, model) = VisaSamples.file([.feeCollection(fee10), .feeCollection(fee20)])
        let file = try VisaFileReader.read(bytes).get()
        #expect(file == model)
        #expect(file.feeCollections == [fee10, fee20])
        #expect(file.feeCollections.last?.subsidyProgramId == "GBA-2026")
    }

    @Test("VSS-110 lines of each amount type round-trip", arguments: VisaVSS110Line.AmountType.allCases)
    func vss110LinesOfEachAmountTypeRoundTrip(type: VisaVSS110Line.AmountType) throws {
        let line = VisaSamples.vss(type, record: 2)
        let (bytes, model) = VisaSamples.file(vss: [line])
        let file = try VisaFileReader.read(bytes).get()
        #expect(file == model)
        #expect(file.vss110 == [line])
    }

    @Test("VSS-110 in JPY and KWD round-trips", arguments: [VisaCurrency.jpy, .kwd, .hkd])
    func vss110InJPYAndKWDRoundTrips(currency: VisaCurrency) throws {
        let line = VisaSamples.vss(.interchange, record: 2, currency: currency, credit: 5_000, debit: 1)
        let (bytes, model) = VisaSamples.file(vss: [line])
        #expect(try VisaFileReader.read(bytes).get() == model)
    }

    @Test("header, batch and file trailers round-trip with their counts")
    func trailersRoundTripWithTheirCounts() throws {
        var writer = VisaFileWriter(header: VisaSamples.header)
        writer.append(VisaSamples.draft())
        writer.appendBatchTrailer(centerBatchId: "B0000001")
        writer.append(VisaSamples.fee())
        writer.append(VisaSamples.vss())
        let bytes = writer.finish()
        let file = try VisaFileReader.read(bytes).get()
        #expect(file == writer.file)
        #expect(file.header == VisaSamples.header)
        #expect(file.recordCount == 9)
        #expect(file.trailers.map(\.code) == [.batch, .batch, .file])
        #expect(file.trailers[0].tcrCount == 4)
        #expect(file.trailers[0].monetaryTransactionCount == 1)
        #expect(file.trailers[1].tcrCount == 3)
        #expect(file.trailers[1].transactionCount == 2)
        #expect(file.trailers[2].tcrCount == 8)
        #expect(file.trailers[2].batchNumber == 2)
        #expect(file.trailers[2].monetaryTransactionCount == 2)
        #expect(file.trailers[2].transactionCount == 3)
        #expect(file.trailers[2].destinationHashTotal == 15_873 + 50_000)
        #expect(file.trailers[2].sourceHashTotal == 123_450 + 50_000)
    }

    @Test("skipped TCs are counted per TC and covered by the trailers")
    func skippedTCsAreCountedAndCoveredByTheTrailers() throws {
        var writer = VisaFileWriter(header: VisaSamples.header)
        writer.append(VisaSamples.draft())
        writer.appendSkipped(record: VisaSamples.record([(1, "4500")]))
        writer.appendSkipped(record: VisaSamples.record([(1, "4600"), (59, "V1")]))
        writer.appendSkipped(record: VisaSamples.record([(1, "3300")]))
        let bytes = writer.finish()
        let file = try VisaFileReader.read(bytes).get()
        #expect(file == writer.file)
        #expect(file.skipped == ["45": 1, "46": 1, "33": 1])
    }

    @Test("a written file reads back in every framing",
          arguments: [VisaFileFormat.fixed, .lines(.lf), .lines(.crlf)])
    func writtenFileReadsBackInEveryFraming(format: VisaFileFormat) throws {
        let (bytes, model) = VisaSamples.file([.draft(VisaSamples.draft())], vss: [VisaSamples.vss(record: 5)],
                                              format: format)
        let file = try VisaFileReader.read(bytes).get()
        #expect(file.format == format)
        #expect(file == model)
    }

    @Test("the generator's file is valid and deterministic")
    func generatorFileIsValidAndDeterministic() throws {
        let a = VisaFileWriter.generate(drafts: 500, seed: 7)
        let b = VisaFileWriter.generate(drafts: 500, seed: 7)
        #expect(a == b)
        let file = try VisaFileReader.read(a).get()
        #expect(file.drafts.count == 500)
    }
}
