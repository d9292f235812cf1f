import Testing
import VisaSettlement

@Suite("streaming visitor and EBCDIC")
struct VisaStreamingTests {
    struct Totals: VisaFileVisitor {
        var headers = 0
        var drafts = 0
        var fees = 0
        var vss = 0
        var sourceMinor: Int64 = 0
        mutating func visit(header: VisaHeader) { headers += 1 }
        mutating func visit(transaction: VisaTransaction) {
            switch transaction {
            case .draft(let d): drafts += 1; sourceMinor += d.sourceAmount
            case .feeCollection: fees += 1
            }
        }
        mutating func visit(vss110 line: VisaVSS110Line) { vss += 1 }
    }

    @Test("the visitor sees every record the collecting reader keeps")
    func visitorSeesEveryRecordTheCollectingReaderKeeps() throws {
        let bytes = VisaFileWriter.generate(drafts: 2_500, seed: 11, format: .lines(.crlf))
        var totals = Totals()
        let summary = try VisaFileReader.read(bytes, visitor: &totals).get()
        let file = try VisaFileReader.read(bytes).get()
        #expect(summary == file.summary)
        #expect(totals.headers == 1)
        #expect(totals.drafts == 2_500 && totals.drafts == file.drafts.count)
        #expect(totals.vss == 4)
        #expect(totals.sourceMinor == file.drafts.reduce(0) { $0 + $1.sourceAmount })
        #expect(summary.trailers.filter { $0.code == .batch }.count == 3)
    }

    @Test("an EBCDIC (cp500) file is detected and decoded", arguments: [VisaFileFormat.fixed, .lines(.lf)])
    func ebcdicFileIsDetectedAndDecoded(format: VisaFileFormat) throws {
        let (ascii, model) = VisaSamples.file([.draft(VisaSamples.draft()), .feeCollection(VisaSamples.fee(record: 5))],
                                              vss: [VisaSamples.vss(record: 6)], format: format)
        let file = try VisaFileReader.read(VisaEBCDIC.encode(ascii)).get()
        #expect(file.isEBCDIC)
        var expected = model
        expected.isEBCDIC = true
        #expect(file == expected)
    }
}
