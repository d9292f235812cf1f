extension VisaFileParser {
    /// TC 91 / 92, checked against what precedes it (VISA-FILE.md, counting rules).
    mutating func decodeTrailer(_ f: inout VisaFieldReader, tc: Int) {
        let code: VisaTrailer.Code = tc == VisaTrailer.Code.batch.rawValue ? .batch : .file
        let bin = f.digits(5, 10, "bin")
        let processingDate = f.dateJulian(11, yearDigits: 2, "processingDate")
        let destinationHash = f.number(16, 30, "destinationHashTotal")
        let monetary = f.number(31, 42, "monetaryTransactionCount")
        let batchNumber = f.number(43, 48, code == .batch ? "batchNumber" : "batchCount")
        let tcrCount = f.number(49, 60, "tcrCount")
        let centerBatchId = f.text(67, 74, "centerBatchId")
        let transactions = f.number(75, 83, "transactionCount")
        let sourceHash = f.number(102, 116, "sourceHashTotal")

        let expected = code == .batch ? batch : file
        Self.check(&f, destinationHash, expected.destinationHash, 16, 30, "destinationHashTotal")
        Self.check(&f, monetary, expected.monetaryTransactions, 31, 42, "monetaryTransactionCount")
        if code == .file { Self.check(&f, batchNumber, batchTrailers, 43, 48, "batchCount") }
        Self.check(&f, tcrCount, expected.records, 49, 60, "tcrCount")
        Self.check(&f, transactions, expected.transactions, 75, 83, "transactionCount")
        Self.check(&f, sourceHash, expected.sourceHash, 102, 116, "sourceHashTotal")

        if code == .batch {
            batchTrailers += 1
            batch = VisaTrailerTotals()
        } else {
            fileTrailerRecord = f.record
        }
        guard f.ok, let destinationHash, let monetary, let batchNumber, let tcrCount, let transactions,
              let sourceHash else { return }
        trailers.append(VisaTrailer(
            record: f.record, code: code, bin: bin, processingDate: processingDate,
            destinationHashTotal: destinationHash, monetaryTransactionCount: monetary, batchNumber: batchNumber,
            tcrCount: tcrCount, centerBatchId: centerBatchId, transactionCount: transactions,
            sourceHashTotal: sourceHash))
    }

    private static func check(_ f: inout VisaFieldReader, _ written: Int64?, _ expected: Int64,
                              _ from: Int, _ to: Int, _ field: String) {
        guard let written, written != expected else { return }
        f.fail(from, to, field, "\(expected) as counted from the records it covers, found \(written)")
    }
}
