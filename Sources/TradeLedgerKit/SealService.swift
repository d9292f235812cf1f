import Crypto
import EventStore
import Foundation
import LibPQ

/// `tradeledger seal keygen` and `tradeledger seal`: signed digests of the log head, kept
/// outside the database (README "Security").
public struct SealService {
    public let config: DatabaseConfig
    public init(config: DatabaseConfig) { self.config = config }

    /// Writes an Ed25519 key pair: `path` (PKCS#8 PEM, mode 0600, refused if it exists) and
    /// `path.pub` (SubjectPublicKeyInfo PEM). Returns the key id.
    public static func keygen(path: String) throws(AppError) -> String {
        let key = Curve25519.Signing.PrivateKey()
        let fm = FileManager.default
        guard !fm.fileExists(atPath: path), !fm.fileExists(atPath: path + ".pub") else {
            throw AppError.usage("\(path) or \(path).pub exists already; a seal key is never overwritten")
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw AppError.usage("cannot create \(path): \(String(cString: strerror(errno)))") }
        let bytes = Array(SealKey.privatePEM(key).utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        fsync(fd)
        close(fd)
        guard written == bytes.count else { throw AppError.usage("cannot write \(path)") }
        guard fm.createFile(atPath: path + ".pub", contents: Data(SealKey.publicPEM(key.publicKey).utf8),
                            attributes: [.posixPermissions: 0o644]) else {
            throw AppError.usage("cannot write \(path).pub")
        }
        return SealKey.keyId(key.publicKey)
    }

    public static func readPrivateKey(_ path: String) throws(AppError) -> Curve25519.Signing.PrivateKey {
        guard let attrs = try? FileManager.default.attributesOfItem(atPath: path),
              let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw AppError.usage("cannot read the seal key \(path)")
        }
        if let mode = (attrs[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
            throw AppError.usage("the seal key \(path) is readable by others (mode \(String(mode, radix: 8))); chmod 600 it")
        }
        do { return try SealKey.privateKey(pem: text, path: path) } catch { throw AppError.usage("\(error)", underlying: error) }
    }

    public static func readPublicKey(_ path: String) throws(AppError) -> Curve25519.Signing.PublicKey {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw AppError.usage("cannot read the public key \(path)")
        }
        do { return try SealKey.publicKey(pem: text, path: path) } catch { throw AppError.usage("\(error)", underlying: error) }
    }

    /// Seals the head: inside one snapshot, verifies the chain (from the last seal of this
    /// ledger in `out` that this key signed, else from seq 1), then signs (ledger, head seq,
    /// head hash, database time). A log that does not verify is not sealed (exit 4). With
    /// `out`, the line is appended and synced; the caller prints it otherwise.
    public func seal(keyPath: String, out: String?) throws -> Seal {
        let key = try Self.readPrivateKey(keyPath)
        var start: (seq: Int64, hash: [UInt8]) = (0, EventHash.genesis)
        if let out, let text = try? String(contentsOfFile: out, encoding: .utf8) {
            let earlier: [Seal]
            do { earlier = try Seal.parseFile(text) } catch { throw AppError.verificationFailed("\(out): \(error)", underlying: error) }
            if let last = earlier.last(where: { $0.ledger == config.ledgerId && $0.isValid(under: key.publicKey) }) {
                start = (last.seq, last.hash)
            }
        }
        let store = try config.openStore()
        let seal: Seal
        do {
            seal = try store.connection.withTransaction(.snapshot) { c in
                if start.seq > 0, try store.hash(atSeq: start.seq) != start.hash {
                    throw EventStoreError.chainBroken(seq: start.seq, reason: "the log no longer holds the hash of the last seal in \(out ?? "")")
                }
                let chain = try ChainVerifier(store: store).run(from: start)
                guard chain.headSeq > 0 else { throw AppError.usage("ledger \(config.ledgerId) is empty: nothing to seal") }
                let now = try c.execute("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')").string(0, 0)
                return try Seal.sign(ledger: config.ledgerId, seq: chain.headSeq, hash: chain.headHash, sealedAt: now, with: key)
            }
        } catch let e as EventStoreError {
            throw AppError(.verificationFailed, e, note: "; not sealed")
        }
        if let out { try Self.append(seal.jsonLine + "\n", to: out) }
        return seal
    }

    static func append(_ line: String, to path: String) throws(AppError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard fd >= 0 else { throw AppError.usage("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let bytes = Array(line.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else { throw AppError.usage("cannot write \(path)") }
    }
}
