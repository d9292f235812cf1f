import VisaSettlement

/// The first, validating pass over a file: counts per TC, the net checks, and the ARNs of the
/// TC 15 / 25 / 35 lines (whose captures the index must hold even when already matched). Memory
/// is a few sums plus those ARNs, whatever the file's size.
public struct FileSurvey: VisaFileVisitor, Sendable {
    public private(set) var header: VisaHeader?
    public private(set) var transactions: [String: Int] = [:]
    public private(set) var netChecks = VisaNetCheck.Builder()
    /// ARNs named by TC 15 / 25 / 35 lines.
    public private(set) var referencedARNs: Set<String> = []

    public init() {}

    public mutating func visit(header: VisaHeader) { self.header = header }

    public mutating func visit(transaction: VisaTransaction) {
        transactions[transaction.tc, default: 0] += 1
        netChecks.add(transaction)
        if case .draft(let d) = transaction, d.code == .chargeback || d.code == .reversal || d.code == .chargebackReversal {
            referencedARNs.insert(d.arn)
        }
    }

    public mutating func visit(vss110 line: VisaVSS110Line) { netChecks.add(line) }
}
