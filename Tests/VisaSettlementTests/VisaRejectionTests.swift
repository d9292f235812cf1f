import Testing
import VisaSettlement

/// Each rejection names the record and the positions at fault.
@Suite("rejections are located by record and positions")
struct VisaRejectionTests {
    /// Records: 1 header, 2-4 draft (TCR 0, 1, 5), 5 TC 91, 6 TC 92.
    static func valid(_ draft: VisaDraft = VisaSamples.draft()) -> [[UInt8]] {
        VisaSamples.records(VisaSamples.file([.draft(draft)]).bytes)
    }

    static func put(_ records: inout [[UInt8]], record: Int, position: Int, _ text: String) {
        for (i, byte) in text.utf8.enumerated() { records[record - 1][position - 1 + i] = byte }
    }

    static func field(_ records: [[UInt8]], record: Int, _ from: Int, _ to: Int) -> String {
        String(decoding: records[record - 1][(from - 1)..<to], as: UTF8.self)
    }

    func errors(_ bytes: [UInt8]) -> [VisaFileError] {
        switch VisaFileReader.read(bytes) {
        case .success: return []
        case .failure(let rejection): return rejection.errors
        }
    }

    func expectError(_ bytes: [UInt8], record: Int, positions: String, field: String,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        let found = errors(bytes)
        #expect(found.contains { $0.record == record && $0.positions == positions && $0.field == field },
                "expected record \(record) \(positions) \(field) in \(found)", sourceLocation: sourceLocation)
    }

    @Test("a line of the wrong length names its record")
    func lineOfTheWrongLengthNamesItsRecord() {
        var lines = Self.valid().map { String(decoding: $0, as: UTF8.self) }
        lines[2].removeLast()
        let bytes = Array(lines.joined(separator: "\n").utf8) + [0x0A]
        expectError(bytes, record: 3, positions: "1-168", field: "record")
        #expect(errors(bytes).count == 1)
    }

    @Test("a line too long names its record")
    func lineTooLongNamesItsRecord() {
        var lines = Self.valid().map { String(decoding: $0, as: UTF8.self) }
        lines[3] += "X"
        expectError(Array(lines.joined(separator: "\r\n").utf8), record: 4, positions: "1-168", field: "record")
    }

    @Test("a bad ARN check digit")
    func badARNCheckDigitIsRejected() {
        var r = Self.valid()
        let last = r[1][48]
        Self.put(&r, record: 2, position: 49, last == 0x39 ? "0" : String(UnicodeScalar(last + 1)))
        let found = errors(VisaSamples.join(r))
        #expect(found == [VisaFileError(record: 2, positions: "27-49", field: "arn",
                                        message: "23 digits whose last is the Luhn check digit of the first 22")])
    }

    @Test("a non-numeric amount")
    func nonNumericAmountIsRejected() {
        var r = Self.valid()
        Self.put(&r, record: 2, position: 66, "A")
        expectError(VisaSamples.join(r), record: 2, positions: "62-73", field: "destinationAmount")
    }

    @Test("an unknown currency")
    func unknownCurrencyIsRejected() {
        var r = Self.valid()
        Self.put(&r, record: 2, position: 89, "999")
        #expect(errors(VisaSamples.join(r)) == [VisaFileError(
            record: 2, positions: "89-91", field: "sourceCurrency", message: "a known ISO 4217 numeric currency code")])
    }

    @Test("a TCR out of order within a transaction")
    func tcrOutOfOrderIsRejected() {
        var r = Self.valid()
        r.swapAt(2, 3)  // TCR 5 before TCR 1
        #expect(errors(VisaSamples.join(r)).map { "\($0.record) \($0.positions) \($0.field)" } == ["4 4 tcrSequence"])
    }

    @Test("a transaction that starts without TCR 0")
    func transactionWithoutTCR0IsRejected() {
        var r = Self.valid()
        r.remove(at: 1)
        expectError(VisaSamples.join(r), record: 2, positions: "4", field: "tcrSequence")
    }

    @Test("a batch trailer's TCR count off by one", arguments: [(5, "49-60"), (6, "49-60")])
    func batchTrailerTCRCountOffByOneIsRejected(record: Int, positions: String) {
        var r = Self.valid()
        let count = Int(Self.field(r, record: record, 49, 60)) ?? 0
        let text = String(count + 1)
        Self.put(&r, record: record, position: 49, String(repeating: "0", count: 12 - text.count) + text)
        #expect(errors(VisaSamples.join(r)).map { "\($0.record) \($0.positions) \($0.field)" }
            == ["\(record) \(positions) tcrCount"])
    }

    @Test("the file trailer's transaction and batch counts off by one",
          arguments: [(75, 83, "transactionCount"), (43, 48, "batchCount"), (31, 42, "monetaryTransactionCount")])
    func fileTrailerCountsOffByOneAreRejected(from: Int, to: Int, field: String) {
        var r = Self.valid()
        let value = Int(Self.field(r, record: 6, from, to)) ?? 0
        let text = String(value + 1)
        Self.put(&r, record: 6, position: from, String(repeating: "0", count: to - from + 1 - text.count) + text)
        #expect(errors(VisaSamples.join(r)).map { "\($0.record) \($0.positions) \($0.field)" }
            == ["6 \(from)-\(to) \(field)"])
    }

    @Test("a hash total off by one", arguments: [(5, 16, 30, "destinationHashTotal"), (6, 102, 116, "sourceHashTotal")])
    func hashTotalOffByOneIsRejected(record: Int, from: Int, to: Int, field: String) {
        var r = Self.valid()
        let value = Int(Self.field(r, record: record, from, to)) ?? 0
        let text = String(value + 1)
        Self.put(&r, record: record, position: from, String(repeating: "0", count: 15 - text.count) + text)
        #expect(errors(VisaSamples.join(r)).map { "\($0.record) \($0.positions) \($0.field)" }
            == ["\(record) \(from)-\(to) \(field)"])
    }

    @Test("a JPY amount not ending in 00")
    func jpyAmountNotEndingIn00IsRejected() {
        var r = Self.valid(VisaSamples.draft(source: (12_345, .jpy), destination: (12_345, .jpy)))
        #expect(Self.field(r, record: 2, 77, 88) == "000001234500")
        Self.put(&r, record: 2, position: 87, "01")
        Self.put(&r, record: 6, position: 102, "000000001234501")
        Self.put(&r, record: 5, position: 102, "000000001234501")
        #expect(errors(VisaSamples.join(r)) == [VisaFileError(
            record: 2, positions: "77-88", field: "sourceAmount",
            message: "an amount ending in \"00\": JPY has no minor unit")])
    }

    @Test("a fixed-block file truncated mid-record")
    func fixedBlockFileTruncatedMidRecordIsRejected() {
        let bytes = VisaSamples.join(Self.valid())
        let found = errors(Array(bytes.dropLast(10)))
        #expect(found.contains(VisaFileError(record: 6, positions: "159-168", field: "record",
                                             message: "168 bytes: the file ends mid-record after 158")))
    }

    @Test("a line file truncated mid-record")
    func lineFileTruncatedMidRecordIsRejected() {
        let text = Self.valid().map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
        expectError(Array(text.utf8.dropLast(100)), record: 6, positions: "69-168", field: "record")
    }

    @Test("an empty file")
    func emptyFileIsRejected() {
        #expect(errors([]) == [VisaFileError(record: 1, positions: "1-168", field: "record",
                                             message: "a TC 90 file header: the file is empty")])
    }

    @Test("a missing header")
    func missingHeaderIsRejected() {
        var r = Self.valid()
        r.removeFirst()
        expectError(VisaSamples.join(r), record: 1, positions: "1-2", field: "tc")
    }

    @Test("a missing file trailer")
    func missingFileTrailerIsRejected() {
        var r = Self.valid()
        r.removeLast()
        #expect(errors(VisaSamples.join(r)).map { "\($0.record) \($0.positions) \($0.field)" } == ["5 1-2 tc"])
    }

    @Test("a record after the file trailer")
    func recordAfterTheFileTrailerIsRejected() {
        var r = Self.valid()
        r.append(r[1])
        expectError(VisaSamples.join(r), record: 7, positions: "1-2", field: "tc")
    }

    @Test("a non-numeric TC is an error, an unknown numeric TC is skipped")
    func nonNumericTCIsAnErrorAndAnUnknownNumericTCIsSkipped() {
        var r = Self.valid()
        r.insert(VisaSamples.record([(1, "X5"), (4, "0")]), at: 4)
        expectError(VisaSamples.join(r), record: 5, positions: "1-2", field: "tc")
    }

    @Test("a second header")
    func secondHeaderIsRejected() {
        var r = Self.valid()
        r.insert(r[0], at: 4)
        expectError(VisaSamples.join(r), record: 5, positions: "1-2", field: "tc")
    }

    @Test("errors stop at errorsMax")
    func errorsStopAtErrorsMax() {
        var r = Self.valid()
        let bad = r[1].enumerated().map { $0.offset == 26 ? UInt8(ascii: "X") : $0.element }
        for _ in 0..<(VisaFileReader.errorsMax + 50) { r.insert(bad, at: 1) }
        guard case .failure(let rejection) = VisaFileReader.read(VisaSamples.join(r)) else {
            Issue.record("expected a rejection")
            return
        }
        #expect(rejection.errors.count == VisaFileReader.errorsMax)
        #expect(rejection.errorsLimitReached)
    }

    @Test("one bad record does not hide the others: all errors are collected")
    func oneBadRecordDoesNotHideTheOthers() {
        var r = Self.valid()
        Self.put(&r, record: 2, position: 74, "99A")
        Self.put(&r, record: 4, position: 107, "X")
        let found = errors(VisaSamples.join(r)).map { "\($0.record) \($0.positions) \($0.field)" }
        #expect(found == ["2 74-76 destinationCurrency", "4 107 interchangeFeeSign"])
    }
}
