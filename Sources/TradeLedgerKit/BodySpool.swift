#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import Foundation

/// Byte strings (event bodies) written one after another to an unlinked temporary file and read
/// back in the same order: memory is one buffer of `bufferBytes` each way, whatever the count.
/// The file has no name from the moment it is created, so nothing outlives the process (a
/// SIGKILL included). Not thread-safe.
final class BodySpool {
    static let bufferBytes = 1 << 20
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var failure: String?
    private(set) var count = 0

    init() throws(AppError) {
        var template = Array((FileManager.default.temporaryDirectory.path + "/tradeledger-spool-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw AppError.usage("cannot create a spool file in the temporary directory: \(String(cString: strerror(errno)))") }
        _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
        self.fd = fd
        buffer.reserveCapacity(Self.bufferBytes)
    }

    deinit { close(fd) }

    /// Appends one body; a write error is remembered and thrown by `finishWriting`.
    func append(_ body: [UInt8]) {
        precondition(body.count <= Int(UInt32.max), "a spooled body fits a 32-bit length")
        var n = UInt32(body.count).littleEndian
        withUnsafeBytes(of: &n) { buffer.append(contentsOf: $0) }
        buffer.append(contentsOf: body)
        count += 1
        if buffer.count >= Self.bufferBytes { flush() }
    }

    private func flush() {
        guard failure == nil, !buffer.isEmpty else { buffer.removeAll(keepingCapacity: true); return }
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                break
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes out what is buffered; throws the first write error.
    func finishWriting() throws(AppError) {
        flush()
        if let failure { throw AppError.usage("cannot write the spool file in the temporary directory: \(failure)") }
    }

    /// Each body in the order appended (after `finishWriting`).
    func forEach(_ body: ([UInt8]) throws -> Void) throws {
        guard lseek(fd, 0, SEEK_SET) == 0 else { throw AppError.usage("cannot rewind the spool file: \(String(cString: strerror(errno)))") }
        var pending: [UInt8] = []
        var start = 0
        var chunk = [UInt8](repeating: 0, count: Self.bufferBytes)
        var seen = 0
        func available() -> Int { pending.count - start }
        func fill() throws -> Bool {
            if start > 0 { pending.removeFirst(start); start = 0 }
            while true {
                let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
                if n < 0, errno == EINTR { continue }
                if n < 0 { throw AppError.usage("cannot read the spool file: \(String(cString: strerror(errno)))") }
                if n == 0 { return false }
                pending.append(contentsOf: chunk[0..<n])
                return true
            }
        }
        while seen < count {
            while available() < 4 { guard try fill() else { throw AppError.usage("the spool file is shorter than written") } }
            let length = Int(UInt32(pending[start]) | UInt32(pending[start + 1]) << 8 | UInt32(pending[start + 2]) << 16
                             | UInt32(pending[start + 3]) << 24)
            while available() < 4 + length { guard try fill() else { throw AppError.usage("the spool file is shorter than written") } }
            try body(Array(pending[(start + 4)..<(start + 4 + length)]))
            start += 4 + length
            seen += 1
        }
    }
}
