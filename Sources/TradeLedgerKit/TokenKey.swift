import Foundation

/// The HMAC key for card tokens: `TRADELEDGER_TOKEN_KEY` (hex, at least 16 bytes). The fixed
/// development key exists for tests and the demo only, and says so loudly.
public enum TokenKey {
    public static let development: [UInt8] = Array("tradeledger-development-key-NOT-FOR-REAL-CARDS".utf8)

    public static func resolve(allowDevelopmentKey: Bool,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws(AppError) -> [UInt8] {
        if let hex = environment["TRADELEDGER_TOKEN_KEY"], !hex.isEmpty {
            guard hex.count % 2 == 0, hex.count >= 32, let bytes = decodeHex(hex) else {
                throw AppError.usage("TRADELEDGER_TOKEN_KEY must be hex, at least 16 bytes (32 hex digits)")
            }
            return bytes
        }
        if allowDevelopmentKey {
            FileHandle.standardError.write(Data("tradeledger: WARNING: using the fixed DEVELOPMENT token key; never use it for real cards\n".utf8))
            return development
        }
        return []  // card commands are refused without a key
    }

    static func decodeHex(_ s: String) -> [UInt8]? {
        var out: [UInt8] = []
        var high: UInt8?
        for c in s.utf8 {
            guard let v = UInt8(String(UnicodeScalar(c)), radix: 16) else { return nil }
            if let h = high { out.append(h << 4 | v); high = nil } else { high = v }
        }
        return out
    }
}
