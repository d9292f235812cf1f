import Crypto
import EventStore
import Foundation
import LibPQ
import Projections

/// `tradeledger verify`: inside one read-only snapshot of the database (so a ledger that is
/// being written verifies as it stood at one instant), the hash chain and contiguity from seq 1
/// and the head; with `--seal`, every signed digest (its signature, and that the log still holds
/// its hash at its seq); each projection checkpoint's (seq, hash) against the log; then the
/// trial balance (zero per currency, in a replay of the log and in the stored balances), the
/// journal against the running balances, and each projection against a replay into memory at
/// its checkpoint. Any failure is `AppError.verificationFailed` (exit 4) naming the first bad
/// seq or projection.
public struct VerifyService {
    public let config: DatabaseConfig
    /// The seals to check, and the public key they must verify under.
    public var seals: (path: String, publicKeyPath: String)?

    public init(config: DatabaseConfig, seals: (path: String, publicKeyPath: String)? = nil) {
        self.config = config
        self.seals = seals
    }

    public struct Report: Sendable {
        public var chain: ChainVerifier.Report
        public var projections: ProjectionVerifier.Report
        /// Seals of this ledger checked, and the highest seq they vouch for.
        public var sealsChecked = 0
        public var sealedThrough: Int64 = 0
        public var sealsOfOtherLedgers = 0
    }

    public func run(progress: (Int64) -> Void = { _ in }) throws -> Report {
        let (sealed, checked, others) = try loadSeals()
        let store = try config.openStore()
        do {
            return try store.connection.withTransaction(.snapshot) { _ in
                let chain = try ChainVerifier(store: store).run(sealed: sealed, progress: progress)
                try checkCheckpoints(store, head: chain.headSeq)
                let projections = try ProjectionVerifier(store: store).run()
                return Report(chain: chain, projections: projections, sealsChecked: checked,
                              sealedThrough: sealed.keys.max() ?? 0, sealsOfOtherLedgers: others)
            }
        } catch let e as EventStoreError {
            throw AppError(.verificationFailed, e)
        } catch let e as ProjectionError {
            throw AppError(.verificationFailed, e)
        }
    }

    /// The seals of this ledger as seq → hash, after checking every signature.
    func loadSeals() throws(AppError) -> (sealed: [Int64: [UInt8]], checked: Int, otherLedgers: Int) {
        guard let seals else { return ([:], 0, 0) }
        let key = try SealService.readPublicKey(seals.publicKeyPath)
        guard let text = try? String(contentsOfFile: seals.path, encoding: .utf8) else {
            throw AppError.usage("cannot read the seal file \(seals.path)")
        }
        let all: [Seal]
        do { all = try Seal.parseFile(text) } catch { throw AppError.verificationFailed("\(seals.path): \(error)", underlying: error) }
        var sealed: [Int64: [UInt8]] = [:]
        var others = 0
        for (i, s) in all.enumerated() {
            guard s.ledger == config.ledgerId else { others += 1; continue }
            guard s.isValid(under: key) else {
                throw AppError.verificationFailed("seal #\(i + 1) in \(seals.path) (seq \(s.seq)) does not verify under \(seals.publicKeyPath) (key \(SealKey.keyId(key)), seal names key \(s.keyId)): the seal file was altered or signed by another key")
            }
            if let h = sealed[s.seq], h != s.hash {
                throw AppError.verificationFailed("two signed seals hold different hashes for seq \(s.seq)")
            }
            sealed[s.seq] = s.hash
        }
        guard !sealed.isEmpty else {
            throw AppError.verificationFailed("\(seals.path) holds no seal of ledger \(config.ledgerId)")
        }
        return (sealed, sealed.count, others)
    }

    /// Each projection checkpoint must sit on the log: at or below the head, with the hash the
    /// log holds at its seq (a checkpoint beyond the head means events were removed).
    func checkCheckpoints(_ store: EventStore, head: Int64) throws {
        let r = try store.connection.execute("""
            SELECT c.projection, c.last_seq, c.last_hash, e.hash
              FROM ledger.checkpoints c
              LEFT JOIN ledger.events e ON e.ledger_id = c.ledger_id AND e.seq = c.last_seq
             WHERE c.ledger_id = $1 AND c.last_seq > 0 ORDER BY c.projection
            """, [.text(store.ledgerId)])
        for row in 0..<r.rowCount {
            let name = try r.string(row, 0), seq = try r.int64(row, 1)
            guard seq <= head, let logHash = try r.optionalBytes(row, 3) else {
                throw EventStoreError.chainBroken(seq: seq, reason: "projection \(name) has applied events through seq \(seq) but the log ends at seq \(head): events were deleted")
            }
            guard try r.optionalBytes(row, 2) == logHash else {
                throw EventStoreError.chainBroken(seq: seq, reason: "projection \(name)'s checkpoint holds another hash for this seq than the log: the log was rewritten")
            }
        }
    }
}
