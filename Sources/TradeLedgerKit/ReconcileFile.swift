import Crypto
import Foundation
import VisaSettlement

/// Reads a settlement file in blocks through a `VisaStreamReader`, hashing the same bytes:
/// memory is one block plus what the visitor keeps, whatever the file's size.
enum ReconcileFile {
    static let blockBytes = 1 << 20

    /// Streams `path` through `visitor`; returns the SHA-256 (hex), the reader's result and the
    /// visitor. `progress` gets the bytes read so far after each block.
    static func read<V: VisaFileVisitor>(_ path: String, visitor: V, progress: (Int) -> Void = { _ in })
        throws(AppError) -> (sha256: String, result: Result<VisaFileSummary, VisaFileRejection>, visitor: V) {
        var hasher = SHA256()
        var reader = VisaStreamReader(visitor: visitor)
        var total = 0
        try blocks(path) { block in
            hasher.update(bufferPointer: UnsafeRawBufferPointer(block))
            reader.feed(block)
            total += block.count
            progress(total)
        }
        let (result, visitor) = reader.finish()
        let hex = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return (hex, result, visitor)
    }

    /// Reads `path` in blocks of `blockBytes`, handing each to `body`: the only read of a
    /// settlement file by the import (and by the bench rows that time it), so memory stays at one
    /// block whatever the file's size.
    static func blocks(_ path: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) throws(AppError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw AppError.usage("cannot read \(path)") }
        defer { try? handle.close() }
        while true {
            let data: Data
            do { data = try handle.read(upToCount: blockBytes) ?? Data() } catch {
                throw AppError.usage("cannot read \(path): \(error.localizedDescription)", underlying: error)
            }
            if data.isEmpty { break }
            data.withUnsafeBytes { raw in body(raw.bindMemory(to: UInt8.self)) }
        }
    }

    static func size(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
    }
}
