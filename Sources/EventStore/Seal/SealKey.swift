import Crypto
import Foundation

/// An Ed25519 key pair for sealing the log (`tradeledger seal keygen`), stored as PEM that
/// OpenSSL reads too: the private key as PKCS#8 (`PRIVATE KEY`), the public key as
/// SubjectPublicKeyInfo (`PUBLIC KEY`). For Ed25519 both DER forms are a fixed prefix and the
/// 32 raw key bytes (RFC 8410), so no ASN.1 library is needed.
public enum SealKey {
    static let pkcs8Prefix: [UInt8] = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]
    static let spkiPrefix: [UInt8] = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]

    public struct KeyError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The first 8 bytes of SHA-256 of the raw public key, in hex: names the key in each seal.
    public static func keyId(_ key: Curve25519.Signing.PublicKey) -> String {
        Array(SHA256.hash(data: key.rawRepresentation)).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    public static func privatePEM(_ key: Curve25519.Signing.PrivateKey) -> String {
        pem("PRIVATE KEY", pkcs8Prefix + Array(key.rawRepresentation))
    }

    public static func publicPEM(_ key: Curve25519.Signing.PublicKey) -> String {
        pem("PUBLIC KEY", spkiPrefix + Array(key.rawRepresentation))
    }

    public static func privateKey(pem text: String, path: String) throws -> Curve25519.Signing.PrivateKey {
        let raw = try rawKey(text, label: "PRIVATE KEY", prefix: pkcs8Prefix, path: path)
        guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
            throw KeyError(description: "\(path) is not an Ed25519 private key (PKCS#8 PEM, as `tradeledger seal keygen` writes)")
        }
        return key
    }

    public static func publicKey(pem text: String, path: String) throws -> Curve25519.Signing.PublicKey {
        let raw = try rawKey(text, label: "PUBLIC KEY", prefix: spkiPrefix, path: path)
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else {
            throw KeyError(description: "\(path) is not an Ed25519 public key (SubjectPublicKeyInfo PEM, as `tradeledger seal keygen` writes)")
        }
        return key
    }

    /// The 32 key bytes of a PEM block whose DER is `prefix` ‖ key.
    static func rawKey(_ text: String, label: String, prefix: [UInt8], path: String) throws -> [UInt8] {
        let der = try decode(text, label: label, path: path)
        guard der.count == prefix.count + 32, Array(der.prefix(prefix.count)) == prefix else {
            throw KeyError(description: "\(path) holds a \(label) that is not an Ed25519 key (RFC 8410)")
        }
        return Array(der.suffix(32))
    }

    static func pem(_ label: String, _ der: [UInt8]) -> String {
        "-----BEGIN \(label)-----\n" + Data(der).base64EncodedString(options: .lineLength64Characters)
            + "\n-----END \(label)-----\n"
    }

    static func decode(_ text: String, label: String, path: String) throws -> [UInt8] {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let begin = lines.firstIndex(of: "-----BEGIN \(label)-----"),
              let end = lines.firstIndex(of: "-----END \(label)-----"), begin < end,
              let der = Data(base64Encoded: lines[(begin + 1)..<end].joined()) else {
            throw KeyError(description: "\(path) has no PEM block \"\(label)\"")
        }
        return Array(der)
    }
}
