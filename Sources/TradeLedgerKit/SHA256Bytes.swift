import Crypto

/// SHA-256 of bytes (request hashes of the commands services build themselves).
enum SHA256Bytes {
    static func of(_ bytes: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: bytes)) }
}
