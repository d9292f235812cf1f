public enum VisaLineEnding: Hashable, Sendable {
    case lf
    case crlf

    var bytes: [UInt8] { self == .lf ? [0x0A] : [0x0D, 0x0A] }
}
