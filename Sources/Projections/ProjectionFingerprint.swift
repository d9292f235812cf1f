import Crypto
import Foundation
import LibPQ

/// A SHA-256 over a projection's rows in key order, as text lines (the same text whether the
/// rows come from the database, `Projection.fingerprintSQL`, or from an in-memory replay,
/// `Projection.fingerprintLines()`). The journals are not part of it; `verify` checks them
/// against the rows separately (`Projection.checkStored`).
enum ProjectionFingerprint {
    /// The fingerprint of stored rows, hashed by the server (the client's memory does not grow
    /// with the projection's size).
    static func stored(_ c: PGConnection, ledger: String, projection: ProjectionName, generation: Int64) throws -> String {
        let r = try c.execute("SELECT encode(sha256(convert_to(coalesce((\(projection.model.fingerprintSQL)), ''), 'UTF8')), 'hex')",
                              [.text(ledger), .int8(generation)], resultFormat: .text)
        return try r.string(0, 0)
    }

    static func hash(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The same text from an in-memory replay of the whole log (a delta over every event).
    static func replayed(_ d: some Projection) -> String {
        hash(d.fingerprintLines().joined(separator: "\n"))
    }
}
