import Crypto
import Foundation

/// A signed digest of the log (`tradeledger seal`): the ledger, a seq, the event hash at that
/// seq, and when it was sealed, signed with Ed25519. Kept outside the database (one JSON line
/// each in a file the operator archives), it lets `verify --seal` prove that the log still
/// holds that hash at that seq and has not shrunk below it, even against someone who can
/// rewrite the tables and recompute the whole chain consistently.
///
/// The signature covers the UTF-8 bytes of
///
///     "tradeledger-seal-v1\n" ‖ ledger ‖ "\n" ‖ seq (decimal) ‖ "\n" ‖ hash (lowercase hex) ‖ "\n" ‖ sealedAt ‖ "\n"
///
/// so it does not depend on how the JSON line is formatted.
public struct Seal: Sendable, Equatable {
    public var ledger: String
    public var seq: Int64
    public var hash: [UInt8]
    /// RFC 3339, UTC, from the database clock.
    public var sealedAt: String
    public var keyId: String
    public var signature: [UInt8]

    public var hashHex: String { hash.map { String(format: "%02x", $0) }.joined() }

    var message: [UInt8] { Array("tradeledger-seal-v1\n\(ledger)\n\(seq)\n\(hashHex)\n\(sealedAt)\n".utf8) }

    public static func sign(ledger: String, seq: Int64, hash: [UInt8], sealedAt: String,
                            with key: Curve25519.Signing.PrivateKey) throws -> Seal {
        var seal = Seal(ledger: ledger, seq: seq, hash: hash, sealedAt: sealedAt, keyId: SealKey.keyId(key.publicKey), signature: [])
        seal.signature = Array(try key.signature(for: seal.message))
        return seal
    }

    public func isValid(under key: Curve25519.Signing.PublicKey) -> Bool {
        keyId == SealKey.keyId(key) && key.isValidSignature(signature, for: message)
    }

    /// One line of JSON, keys in a fixed order.
    public var jsonLine: String {
        "{\"type\":\"tradeledger-seal\",\"version\":1,\"ledger\":\"\(ledger)\",\"seq\":\(seq),\"hash\":\"\(hashHex)\","
            + "\"sealedAt\":\"\(sealedAt)\",\"keyId\":\"\(keyId)\",\"signature\":\"\(Data(signature).base64EncodedString())\"}"
    }

    public struct ParseError: Error, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public var description: String { "seal file line \(line): \(reason)" }
    }

    /// Parses one line written by `jsonLine` (any key order).
    public init(jsonLine: String, lineNumber: Int) throws {
        func fail(_ why: String) -> ParseError { ParseError(line: lineNumber, reason: why) }
        guard let object = try? JSONSerialization.jsonObject(with: Data(jsonLine.utf8)) as? [String: Any] else {
            throw fail("not a JSON object")
        }
        guard object["type"] as? String == "tradeledger-seal", (object["version"] as? NSNumber)?.intValue == 1 else {
            throw fail("not a version-1 tradeledger seal")
        }
        guard let ledger = object["ledger"] as? String, let seq = (object["seq"] as? NSNumber)?.int64Value,
              let hashHex = object["hash"] as? String, let hash = Self.hex(hashHex), hash.count == 32,
              let sealedAt = object["sealedAt"] as? String, let keyId = object["keyId"] as? String,
              let sig = (object["signature"] as? String).flatMap({ Data(base64Encoded: $0) }) else {
            throw fail("a field is missing or malformed (ledger, seq, hash, sealedAt, keyId, signature)")
        }
        self.init(ledger: ledger, seq: seq, hash: hash, sealedAt: sealedAt, keyId: keyId, signature: Array(sig))
    }

    init(ledger: String, seq: Int64, hash: [UInt8], sealedAt: String, keyId: String, signature: [UInt8]) {
        self.ledger = ledger; self.seq = seq; self.hash = hash; self.sealedAt = sealedAt; self.keyId = keyId; self.signature = signature
    }

    static func hex(_ s: String) -> [UInt8]? {
        let u = Array(s.utf8)
        guard u.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(u.count / 2)
        for i in stride(from: 0, to: u.count, by: 2) {
            guard let b = UInt8(String(decoding: u[i..<(i + 2)], as: UTF8.self), radix: 16) else { return nil }
            out.append(b)
        }
        return out
    }

    /// Every seal in a file's text, in order (blank lines skipped).
    public static func parseFile(_ text: String) throws -> [Seal] {
        var out: [Seal] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let t = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if t.isEmpty { continue }
            out.append(try Seal(jsonLine: t, lineNumber: i + 1))
        }
        return out
    }
}
