public enum PGFormat: Int32, Sendable {
    case text = 0
    case binary = 1
}
