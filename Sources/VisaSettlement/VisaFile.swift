/// A whole, valid settlement file as the reader decodes it.
public struct VisaFile: Hashable, Sendable {
    public var format: VisaFileFormat
    public var header: VisaHeader
    /// Drafts and fee collections in file order.
    public var transactions: [VisaTransaction]
    /// VSS-110 lines in file order.
    public var vss110: [VisaVSS110Line]
    /// Records of skipped TCs (33, 44, 45, other TC 46 reports, …) counted per TC ("45": 1).
    public var skipped: [String: Int]
    /// TC 91 trailers in order, then the TC 92.
    public var trailers: [VisaTrailer]
    public var recordCount: Int
    /// True when the file was EBCDIC (cp500) and decoded to ASCII.
    public var isEBCDIC: Bool

    public init(format: VisaFileFormat, header: VisaHeader, transactions: [VisaTransaction],
                vss110: [VisaVSS110Line], skipped: [String: Int], trailers: [VisaTrailer], recordCount: Int,
                isEBCDIC: Bool = false) {
        self.format = format
        self.header = header
        self.transactions = transactions
        self.vss110 = vss110
        self.skipped = skipped
        self.trailers = trailers
        self.recordCount = recordCount
        self.isEBCDIC = isEBCDIC
    }

    public init(summary: VisaFileSummary, transactions: [VisaTransaction], vss110: [VisaVSS110Line]) {
        self.init(format: summary.format, header: summary.header, transactions: transactions, vss110: vss110,
                  skipped: summary.skipped, trailers: summary.trailers, recordCount: summary.recordCount,
                  isEBCDIC: summary.isEBCDIC)
    }

    public var summary: VisaFileSummary {
        VisaFileSummary(format: format, header: header, skipped: skipped, trailers: trailers,
                        recordCount: recordCount, isEBCDIC: isEBCDIC)
    }

    /// The drafts, in file order.
    public var drafts: [VisaDraft] {
        transactions.compactMap { if case .draft(let d) = $0 { return d } else { return nil } }
    }

    /// The fee collections and funds disbursements, in file order.
    public var feeCollections: [VisaFeeCollection] {
        transactions.compactMap { if case .feeCollection(let f) = $0 { return f } else { return nil } }
    }
}
