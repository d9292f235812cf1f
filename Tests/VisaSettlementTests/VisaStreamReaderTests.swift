import Testing
import VisaSettlement

/// The block-fed reader decides exactly what the whole-buffer reader decides, however the bytes
/// are cut into blocks.
@Suite("stream reader")
struct VisaStreamReaderTests {
    struct Keep: VisaFileVisitor {
        var transactions: [VisaTransaction] = []
        var vss: [VisaVSS110Line] = []
        mutating func visit(transaction: VisaTransaction) { transactions.append(transaction) }
        mutating func visit(vss110 line: VisaVSS110Line) { vss.append(line) }
    }

    static func stream(_ bytes: [UInt8], blockBytes: Int) -> (Result<VisaFileSummary, VisaFileRejection>, Keep) {
        var reader = VisaStreamReader(visitor: Keep())
        var start = 0
        bytes.withUnsafeBufferPointer { all in
            while start < all.count {
                let end = min(start + blockBytes, all.count)
                reader.feed(UnsafeBufferPointer(rebasing: all[start..<end]))
                start = end
            }
        }
        let (result, visitor) = reader.finish()
        return (result, visitor)
    }

    @Test("valid files in every framing and in EBCDIC, cut into blocks of 1, 7, 168, 169, 4096 bytes",
          arguments: [VisaFileFormat.fixed, .lines(.lf), .lines(.crlf)])
    func streamReaderReadsValidFilesInAnyBlockSizeLikeTheWholeBuffer(format: VisaFileFormat) throws {
        let ascii = VisaFileWriter.generate(drafts: 40, seed: 5, format: format)
        for bytes in [ascii, VisaEBCDIC.encode(ascii)] {
            let whole = try VisaFileReader.read(bytes).get()
            for block in [1, 7, 168, 169, 4096] {
                let (result, kept) = Self.stream(bytes, blockBytes: block)
                let summary = try result.get()
                #expect(summary == whole.summary, "block \(block)")
                #expect(kept.transactions == whole.transactions && kept.vss == whole.vss110, "block \(block)")
            }
        }
    }

    @Test("invalid files: the same located errors as the whole-buffer reader")
    func streamReaderReportsTheSameLocatedErrorsAsTheWholeBuffer() throws {
        var bytes = VisaFileWriter.generate(drafts: 10, seed: 9, format: .lines(.crlf))
        bytes[170 + 30] = 0x41                    // record 2 (the first draft): the ARN
        bytes.removeLast(40)                       // the file ends mid-record
        guard case .failure(let whole) = VisaFileReader.read(bytes) else { Issue.record("accepted"); return }
        for block in [1, 100, 1 << 20] {
            guard case .failure(let streamed) = Self.stream(bytes, blockBytes: block).0 else { Issue.record("accepted"); continue }
            #expect(streamed.errors == whole.errors, "block \(block)")
        }
    }
}
