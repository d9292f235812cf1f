/// The visitor behind `VisaFileReader.read(_:)`: keeps everything.
struct VisaFileCollector: VisaFileVisitor {
    var transactions: [VisaTransaction] = []
    var vss110: [VisaVSS110Line] = []

    mutating func visit(transaction: VisaTransaction) { transactions.append(transaction) }
    mutating func visit(vss110 line: VisaVSS110Line) { vss110.append(line) }
}
