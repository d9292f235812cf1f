/// What a trailer must agree with, accumulated while reading or writing (VISA-FILE.md, counting
/// rules). The reader and the writer share it, so both count the same way.
struct VisaTrailerTotals: Hashable, Sendable {
    /// Records covered, the trailer included once it is counted.
    var records: Int64 = 0
    /// Transactions: a TCR 0 (or a change of TC) with its followers.
    var transactions: Int64 = 0
    /// Transactions of TC 05, 06, 15, 25, 35, 10 or 20.
    var monetaryTransactions: Int64 = 0
    /// Σ destination amount fields as written, modulo 10^15.
    var destinationHash: Int64 = 0
    /// Σ source amount fields as written, modulo 10^15.
    var sourceHash: Int64 = 0

    static func isMonetary(tc: Int) -> Bool {
        switch tc {
        case 5, 6, 15, 25, 35, 10, 20: return true
        default: return false
        }
    }

    mutating func startTransaction(tc: Int) {
        transactions += 1
        if Self.isMonetary(tc: tc) { monetaryTransactions += 1 }
    }

    mutating func addHash(destination: Int64, source: Int64) {
        precondition(destination >= 0 && source >= 0, "hash totals add field values")
        destinationHash = (destinationHash + destination) % VisaLimits.hashTotalModulus
        sourceHash = (sourceHash + source) % VisaLimits.hashTotalModulus
    }
}
