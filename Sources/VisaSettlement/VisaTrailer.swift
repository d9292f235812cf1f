/// TC 91 (batch trailer) or TC 92 (file trailer); both have the same layout.
public struct VisaTrailer: Hashable, Sendable {
    public enum Code: Int, Hashable, Sendable {
        case batch = 91
        case file = 92
        public var tc: String { "\(rawValue)" }
    }

    public var record: Int
    public var code: Code
    /// Positions 5-10.
    public var bin: String
    /// Positions 11-15 (YYDDD).
    public var processingDate: VisaDate
    /// Positions 16-30: Σ of the monetary transactions' destination amount fields as written,
    /// modulo 10^15.
    public var destinationHashTotal: Int64
    /// Positions 31-42.
    public var monetaryTransactionCount: Int64
    /// Positions 43-48: the batch number (TC 91) or the number of batches (TC 92).
    public var batchNumber: Int64
    /// Positions 49-60: records covered, the trailer itself included.
    public var tcrCount: Int64
    /// Positions 67-74.
    public var centerBatchId: String
    /// Positions 75-83.
    public var transactionCount: Int64
    /// Positions 102-116: Σ of the source amount fields as written, modulo 10^15.
    public var sourceHashTotal: Int64

    public init(record: Int, code: Code, bin: String, processingDate: VisaDate, destinationHashTotal: Int64,
                monetaryTransactionCount: Int64, batchNumber: Int64, tcrCount: Int64, centerBatchId: String,
                transactionCount: Int64, sourceHashTotal: Int64) {
        self.record = record
        self.code = code
        self.bin = bin
        self.processingDate = processingDate
        self.destinationHashTotal = destinationHashTotal
        self.monetaryTransactionCount = monetaryTransactionCount
        self.batchNumber = batchNumber
        self.tcrCount = tcrCount
        self.centerBatchId = centerBatchId
        self.transactionCount = transactionCount
        self.sourceHashTotal = sourceHashTotal
    }
}
