import Testing
import VisaSettlement

@Suite("framing: fixed-block, LF and CRLF are detected")
struct VisaFramingTests {
    static let records = VisaSamples.records(VisaSamples.file([.draft(VisaSamples.draft())]).bytes)

    func format(_ bytes: [UInt8]) -> VisaFileFormat? {
        switch VisaFileReader.read(bytes) {
        case .success(let file): return file.format
        case .failure(let rejection): Issue.record("\(rejection)"); return nil
        }
    }

    @Test("records back to back are fixed-block")
    func recordsBackToBackAreFixedBlock() {
        #expect(format(VisaSamples.join(Self.records)) == .fixed)
    }

    @Test("records ended by LF are lines, with or without a final LF")
    func recordsEndedByLFAreLines() {
        let joined = Self.records.map { $0 + [0x0A] }.flatMap { $0 }
        #expect(format(joined) == .lines(.lf))
        #expect(format(Array(joined.dropLast())) == .lines(.lf))
    }

    @Test("records ended by CRLF are lines")
    func recordsEndedByCRLFAreLines() {
        let joined = Self.records.map { $0 + [0x0D, 0x0A] }.flatMap { $0 }
        #expect(format(joined) == .lines(.crlf))
        #expect(VisaFileFormat.lines(.crlf).name == "lines")
    }

    @Test("a short first line is detected as lines and rejected by record")
    func shortFirstLineIsDetectedAsLinesAndRejectedByRecord() {
        let bytes = Array("90412345".utf8) + [0x0A] + VisaSamples.join(Self.records.dropFirst().map { $0 + [0x0A] })
        let result = VisaFileReader.read(bytes)
        guard case .failure(let rejection) = result else { Issue.record("expected a rejection"); return }
        #expect(rejection.format == .lines(.lf))
        #expect(rejection.errors.first?.record == 1)
        #expect(rejection.errors.first?.positions == "1-168")
    }
}
