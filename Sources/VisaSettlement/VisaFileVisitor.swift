/// Receives the decoded records while the reader streams over a file, so a large file does not
/// need all its transactions held at once.
///
/// Records arrive as soon as they are decoded, before the file's trailers are checked: keep what
/// was visited only when `read` returns success. Records with errors are not visited.
public protocol VisaFileVisitor {
    mutating func visit(header: VisaHeader)
    mutating func visit(transaction: VisaTransaction)
    mutating func visit(vss110 line: VisaVSS110Line)
}

extension VisaFileVisitor {
    public mutating func visit(header: VisaHeader) {}
    public mutating func visit(transaction: VisaTransaction) {}
    public mutating func visit(vss110 line: VisaVSS110Line) {}
}
