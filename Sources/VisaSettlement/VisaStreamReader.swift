/// The strict reader of `VisaFileReader`, fed block by block: memory stays at one block plus one
/// record however large the file. The caller reads the file (and may hash the same blocks); this
/// type does no I/O.
///
/// Framing, detection and errors are exactly `VisaFileReader.read`'s: the format is detected from
/// the first `recordBytes + lineDetectionSlackBytes` bytes, an EBCDIC file (header "90" in cp500)
/// is decoded block by block (the code page maps byte to byte), records are numbered across
/// blocks. As with the visitor API, visited records count only when `finish` returns success.
public struct VisaStreamReader<Visitor: VisaFileVisitor> {
    var parser: VisaFileParser<Visitor>
    var format: VisaFileFormat?
    var isEBCDIC: Bool?
    /// Bytes not yet framed (less than one record, or one line, between calls).
    var pending: [UInt8] = []
    var record = 0
    var finished = false

    public init(visitor: Visitor) {
        parser = VisaFileParser(visitor: visitor)
    }

    static var detectionBytes: Int { VisaFileReader.recordBytes + VisaFileReader.lineDetectionSlackBytes }

    /// The visitor as it is now (what it has seen so far).
    public var visitor: Visitor { parser.visitor }

    /// Feeds the next block of the file's bytes.
    public mutating func feed(_ block: UnsafeBufferPointer<UInt8>) {
        precondition(!finished, "the stream is finished")
        if isEBCDIC == nil {
            if pending.isEmpty && block.count >= 2 {
                isEBCDIC = VisaEBCDIC.isEBCDIC(block)
            } else {
                pending.append(contentsOf: block)
                guard pending.count >= 2 else { return }
                let bytes = pending
                pending = []
                isEBCDIC = bytes.withUnsafeBufferPointer { VisaEBCDIC.isEBCDIC($0) }
                bytes.withUnsafeBufferPointer { feed($0) }
                return
            }
        }
        if isEBCDIC == true {
            pending.append(contentsOf: VisaEBCDIC.decode(block))
        } else {
            pending.append(contentsOf: block)
        }
        if format == nil {
            guard pending.count >= Self.detectionBytes else { return }
            format = pending.withUnsafeBufferPointer { VisaFileReader.detectFormat($0) }
        }
        frame(atEnd: false)
    }

    /// Ends the stream: frames what is left and checks the trailers. Returns the result and the
    /// visitor with everything it saw.
    public mutating func finish() -> (result: Result<VisaFileSummary, VisaFileRejection>, visitor: Visitor) {
        precondition(!finished, "the stream is finished")
        finished = true
        if format == nil { format = pending.withUnsafeBufferPointer { VisaFileReader.detectFormat($0) } }
        frame(atEnd: true)
        let detected = format ?? .fixed
        var result = VisaFileReader.finish(&parser, format: detected)
        if isEBCDIC == true {
            result = result.map { summary in
                var summary = summary
                summary.isEBCDIC = true
                return summary
            }
        }
        return (result, parser.visitor)
    }

    private mutating func frame(atEnd: Bool) {
        guard let format else { return }
        var consumed = 0
        pending.withUnsafeBufferPointer { buffer in
            switch format {
            case .fixed: consumed = frameFixed(buffer, atEnd: atEnd)
            case .lines: consumed = frameLines(buffer, atEnd: atEnd)
            }
        }
        if consumed == pending.count { pending.removeAll(keepingCapacity: true) } else if consumed > 0 {
            pending.removeFirst(consumed)
        }
    }

    private mutating func frameFixed(_ buffer: UnsafeBufferPointer<UInt8>, atEnd: Bool) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        let size = VisaFileReader.recordBytes
        var offset = 0
        while offset + size <= buffer.count, !parser.stopped {
            record += 1
            parser.consume(base: base + offset, record: record)
            offset += size
        }
        if atEnd, !parser.stopped, buffer.count - offset > 0 {
            record += 1
            VisaFileReader.truncated(&parser, record: record, length: buffer.count - offset)
            offset = buffer.count
        }
        return parser.stopped ? buffer.count : offset
    }

    private mutating func frameLines(_ buffer: UnsafeBufferPointer<UInt8>, atEnd: Bool) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var start = 0
        while start < buffer.count, !parser.stopped {
            var end = start
            while end < buffer.count, buffer[end] != VisaFileReader.lf { end += 1 }
            let ended = end < buffer.count
            if !ended && !atEnd { break }  // the rest of this line comes with the next block
            record += 1
            var contentEnd = end
            if ended, contentEnd > start, buffer[contentEnd - 1] == VisaFileReader.cr { contentEnd -= 1 }
            let length = contentEnd - start
            if length == VisaFileReader.recordBytes {
                parser.consume(base: base + start, record: record)
            } else if !ended, length < VisaFileReader.recordBytes {
                VisaFileReader.truncated(&parser, record: record, length: length)
            } else {
                parser.log.add(record: record, positions: "1-\(VisaFileReader.recordBytes)", field: "record",
                               message: "a record of \(VisaFileReader.recordBytes) bytes, found \(length)")
                parser.consumeMalformed(record: record)
            }
            start = end + 1
        }
        return parser.stopped ? buffer.count : min(start, buffer.count)
    }
}
