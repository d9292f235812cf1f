/// A UUID as 16 bytes (no Foundation on this path).
public struct PGUUID: Hashable, Sendable, CustomStringConvertible {
    public var bytes: [UInt8]
    public init(bytes: [UInt8]) {
        precondition(bytes.count == 16, "a UUID has 16 bytes")
        self.bytes = bytes
    }
    /// Parses `8-4-4-4-12` hex (case-insensitive).
    public init?(_ text: String) {
        var out: [UInt8] = []
        out.reserveCapacity(16)
        var high: UInt8? = nil
        for c in text.utf8 where c != UInt8(ascii: "-") {
            guard let v = Hex.nibble(c) else { return nil }
            if let h = high { out.append(h << 4 | v); high = nil } else { high = v }
        }
        guard out.count == 16, high == nil else { return nil }
        bytes = out
    }
    public var description: String {
        let hex = Hex.encode(bytes)
        let u = Array(hex.utf8)
        func part(_ r: Range<Int>) -> String { String(decoding: u[r], as: UTF8.self) }
        return "\(part(0..<8))-\(part(8..<12))-\(part(12..<16))-\(part(16..<20))-\(part(20..<32))"
    }
}
