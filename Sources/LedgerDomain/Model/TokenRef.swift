import Crypto

/// `tokenRef` = lower-case hex HMAC-SHA256(key, token digits) (DOMAIN.md "Parties and cards").
public enum TokenRef {
    public static func make(token: String, key: [UInt8]) -> String {
        precondition(!key.isEmpty, "the token key must not be empty")
        let mac = HMAC<SHA256>.authenticationCode(for: Array(token.utf8), using: SymmetricKey(data: key))
        return hex(Array(mac))
    }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    public static func hex(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
