/// How records are framed in the file; the reader detects it.
public enum VisaFileFormat: Hashable, Sendable {
    /// 168-byte records back to back.
    case fixed
    /// One 168-byte record per line, ended by LF or CRLF.
    case lines(VisaLineEnding)

    /// "fixed" or "lines", as `visa inspect --json` writes it.
    public var name: String {
        switch self {
        case .fixed: return "fixed"
        case .lines: return "lines"
        }
    }
}
