/// Writes valid settlement files from typed records: the header first, then transactions and
/// VSS-110 lines, with TC 91 / 92 trailers computed automatically.
///
/// Record numbers of the records given are ignored: the writer numbers records itself and keeps
/// the model of what it wrote in `file`, so `VisaFileReader.read(writer.finish()) == writer.file`.
public struct VisaFileWriter {
    public let format: VisaFileFormat
    public let header: VisaHeader
    /// Whether `file` keeps every record written (off for large generated files).
    public let keepsModel: Bool
    /// What was written, as the reader will decode it.
    public internal(set) var file: VisaFile
    private(set) var bytes: [UInt8] = []
    var encoder = VisaRecordEncoder()
    var batch = VisaTrailerTotals()
    var totals = VisaTrailerTotals()
    var batchTrailers: Int64 = 0
    var recordCount = 0
    var finished = false

    public init(header: VisaHeader, format: VisaFileFormat = .fixed, keepsModel: Bool = true) {
        var header = header
        header.record = 1
        self.header = header
        self.format = format
        self.keepsModel = keepsModel
        file = VisaFile(format: format, header: header, transactions: [], vss110: [], skipped: [:], trailers: [],
                        recordCount: 0)
        encodeHeader(header)
    }

    /// Reserves room for about `records` more records.
    public mutating func reserveCapacity(records: Int) {
        bytes.reserveCapacity(bytes.count + records * (VisaLimits.recordBytes + 2))
    }

    public mutating func append(_ transaction: VisaTransaction) {
        switch transaction {
        case .draft(let draft): append(draft)
        case .feeCollection(let fee): append(fee)
        }
    }

    /// Writes the TCR 0 and, when present, TCR 1 and TCR 5; returns the draft as numbered.
    @discardableResult
    public mutating func append(_ draft: VisaDraft) -> VisaDraft {
        var draft = draft
        draft.record = recordCount + 1
        draft.tcr1?.record = draft.record + 1
        draft.tcr5?.record = draft.record + (draft.tcr1 == nil ? 1 : 2)
        startTransaction(tc: draft.code.rawValue)
        encodeDraft(draft)
        if keepsModel { file.transactions.append(.draft(draft)) }
        return draft
    }

    @discardableResult
    public mutating func append(_ fee: VisaFeeCollection) -> VisaFeeCollection {
        var fee = fee
        fee.record = recordCount + 1
        startTransaction(tc: fee.code.rawValue)
        encodeFeeCollection(fee)
        if keepsModel { file.transactions.append(.feeCollection(fee)) }
        return fee
    }

    @discardableResult
    public mutating func append(_ line: VisaVSS110Line) -> VisaVSS110Line {
        var line = line
        line.record = recordCount + 1
        startTransaction(tc: 46)
        encodeVSS110(line)
        if keepsModel { file.vss110.append(line) }
        return line
    }

    /// A raw record of a TC the reader counts and skips (33, 44, 45, a TC 46 other than VSS-110, …),
    /// written as one transaction of its own.
    public mutating func appendSkipped(record: [UInt8]) {
        precondition(record.count == VisaLimits.recordBytes, "a record is 168 bytes")
        let tens = record[0] &- 0x30, ones = record[1] &- 0x30
        precondition(tens < 10 && ones < 10 && record[3] == 0x30, "a skipped record has a numeric TC and TCR 0")
        let tc = Int(tens) * 10 + Int(ones)
        let isVSS110 = tc == 46 && Array(record[58..<63]) == Array("V2110".utf8)
        precondition(!VisaFileParser<VisaFileCollector>.isDecoded(tc: tc) && tc < 90 && !isVSS110,
                     "TC \(tc) is decoded, not skipped")
        startTransaction(tc: tc)
        encoder.reset()
        encoder.put(1, VisaLimits.recordBytes, bytes: record)
        emit()
        if keepsModel { file.skipped[tc < 10 ? "0\(tc)" : "\(tc)", default: 0] += 1 }
    }

    /// Closes the current batch with a TC 91 (nothing when no record was written since the last).
    public mutating func appendBatchTrailer(centerBatchId: String = "") {
        precondition(!finished, "the file is finished")
        guard batch.records > 0 else { return }
        encodeTrailer(.batch, totals: batch, batchNumber: batchTrailers + 1, centerBatchId: centerBatchId)
        batchTrailers += 1
        batch = VisaTrailerTotals()
    }

    /// Closes the open batch with a TC 91 (unless `closingBatch` is false) and writes the TC 92;
    /// returns the file's bytes.
    public mutating func finish(closingBatch: Bool = true) -> [UInt8] {
        precondition(!finished, "the file is finished")
        if closingBatch { appendBatchTrailer() }
        encodeTrailer(.file, totals: totals, batchNumber: batchTrailers, centerBatchId: "")
        finished = true
        file.recordCount = recordCount
        return bytes
    }

    mutating func startTransaction(tc: Int) {
        precondition(!finished, "the file is finished")
        batch.startTransaction(tc: tc)
        totals.startTransaction(tc: tc)
    }

    /// Appends the encoder's record, counted in the open batch and the file.
    mutating func emit() {
        bytes.append(contentsOf: encoder.bytes)
        if case .lines(let ending) = format { bytes.append(contentsOf: ending.bytes) }
        recordCount += 1
        if recordCount > 1 {
            batch.records += 1
            totals.records += 1
        }
    }

    mutating func addHash(destination: Int64, source: Int64) {
        batch.addHash(destination: destination, source: source)
        totals.addHash(destination: destination, source: source)
    }
}
