/// The strict BASE II reader (VISA-FILE.md). Any error rejects the file; the reader collects up to
/// `errorsMax` errors, each located by record number and positions.
///
/// It works on the bytes in place: fields are decoded from the buffer without per-field strings,
/// and only the text fields a record keeps (merchant name, ARN, …) become `String`s.
public enum VisaFileReader {
    public static let recordBytes = VisaLimits.recordBytes
    public static let errorsMax = VisaLimits.errorsMax
    /// A LF within this many bytes past the first record's length means one record per line.
    static let lineDetectionSlackBytes = 16
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D

    /// Reads and validates a whole file, keeping every transaction and VSS-110 line.
    public static func read(_ bytes: [UInt8]) -> Result<VisaFile, VisaFileRejection> {
        bytes.withUnsafeBufferPointer { read($0) }
    }

    /// Reads and validates a whole file in a buffer (e.g. a mapped file).
    public static func read(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<VisaFile, VisaFileRejection> {
        var collector = VisaFileCollector()
        let result = read(buffer, visitor: &collector)
        return result.map { VisaFile(summary: $0, transactions: collector.transactions, vss110: collector.vss110) }
    }

    /// Streams a file through `visitor`. The visited records count only when the result is success.
    public static func read<Visitor: VisaFileVisitor>(_ bytes: [UInt8], visitor: inout Visitor)
        -> Result<VisaFileSummary, VisaFileRejection> {
        bytes.withUnsafeBufferPointer { read($0, visitor: &visitor) }
    }

    /// Streams a file in a buffer through `visitor`.
    public static func read<Visitor: VisaFileVisitor>(_ buffer: UnsafeBufferPointer<UInt8>,
                                                      visitor: inout Visitor)
        -> Result<VisaFileSummary, VisaFileRejection> {
        if VisaEBCDIC.isEBCDIC(buffer) {
            let ascii = VisaEBCDIC.decode(buffer)
            return ascii.withUnsafeBufferPointer { readASCII($0, visitor: &visitor) }.map { summary in
                var summary = summary
                summary.isEBCDIC = true
                return summary
            }
        }
        return readASCII(buffer, visitor: &visitor)
    }

    static func readASCII<Visitor: VisaFileVisitor>(_ buffer: UnsafeBufferPointer<UInt8>, visitor: inout Visitor)
        -> Result<VisaFileSummary, VisaFileRejection> {
        var parser = VisaFileParser(visitor: visitor)
        let format = detectFormat(buffer)
        switch format {
        case .fixed: frameFixed(buffer, &parser)
        case .lines: frameLines(buffer, &parser)
        }
        let result = finish(&parser, format: format)
        visitor = parser.visitor
        return result
    }

    /// Fixed-block unless a line feed ends (or cuts short) the first record.
    public static func detectFormat(_ buffer: UnsafeBufferPointer<UInt8>) -> VisaFileFormat {
        let window = min(buffer.count, recordBytes + lineDetectionSlackBytes)
        for i in 0..<window where buffer[i] == lf {
            return .lines(i > 0 && buffer[i - 1] == cr ? .crlf : .lf)
        }
        return .fixed
    }

    static func frameFixed<V>(_ buffer: UnsafeBufferPointer<UInt8>, _ parser: inout VisaFileParser<V>) {
        guard let base = buffer.baseAddress else { return }
        let full = buffer.count / recordBytes
        var record = 0
        while record < full, !parser.stopped {
            parser.consume(base: base + record * recordBytes, record: record + 1)
            record += 1
        }
        let rest = buffer.count - full * recordBytes
        if rest > 0, !parser.stopped {
            truncated(&parser, record: full + 1, length: rest)
        }
    }

    static func frameLines<V>(_ buffer: UnsafeBufferPointer<UInt8>, _ parser: inout VisaFileParser<V>) {
        guard let base = buffer.baseAddress else { return }
        var start = 0
        var record = 0
        while start < buffer.count, !parser.stopped {
            record += 1
            var end = start
            while end < buffer.count, buffer[end] != lf { end += 1 }
            let ended = end < buffer.count
            var contentEnd = end
            if ended, contentEnd > start, buffer[contentEnd - 1] == cr { contentEnd -= 1 }
            let length = contentEnd - start
            if length == recordBytes {
                parser.consume(base: base + start, record: record)
            } else if !ended, length < recordBytes {
                truncated(&parser, record: record, length: length)
            } else {
                parser.log.add(record: record, positions: "1-\(recordBytes)", field: "record",
                               message: "a record of \(recordBytes) bytes, found \(length)")
                parser.consumeMalformed(record: record)
            }
            start = end + 1
        }
    }

    static func truncated<V>(_ parser: inout VisaFileParser<V>, record: Int, length: Int) {
        parser.log.add(record: record, positions: "\(length + 1)-\(recordBytes)", field: "record",
                       message: "\(recordBytes) bytes: the file ends mid-record after \(length)")
        parser.consumeMalformed(record: record)
    }

    static func finish<V>(_ parser: inout VisaFileParser<V>, format: VisaFileFormat)
        -> Result<VisaFileSummary, VisaFileRejection> {
        parser.closeGroup()
        if let trailer = parser.fileTrailerRecord, !parser.stopped { parser.checkTotalNets(record: trailer) }
        if parser.recordCount == 0 {
            parser.log.add(record: 1, positions: "1-\(recordBytes)", field: "record",
                           message: "a TC 90 file header: the file is empty")
        } else if parser.fileTrailerRecord == nil, !parser.stopped {
            parser.log.add(record: parser.recordCount, positions: "1-2", field: "tc",
                           message: "a TC 92 file trailer as the last record")
        }
        guard parser.log.isEmpty, let header = parser.header else {
            if parser.log.isEmpty {  // unreachable: a missing header is always logged
                parser.log.add(record: 1, positions: "1-2", field: "tc", message: "a TC 90 file header")
            }
            return .failure(VisaFileRejection(errors: parser.log.errors, errorsLimitReached: parser.log.limitReached,
                                              format: parser.recordCount == 0 ? nil : format,
                                              header: parser.header))
        }
        return .success(VisaFileSummary(format: format, header: header, skipped: parser.skipped,
                                        trailers: parser.trailers, recordCount: parser.recordCount))
    }
}
