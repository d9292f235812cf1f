import CLibPQ

/// Feeds `COPY … FROM STDIN` data to the server in chunks of up to `chunkBytesMax`.
public final class PGCopyWriter {
    public static let chunkBytesMax = 256 * 1024
    let connection: PGConnection
    var buffer: [UInt8] = []

    init(connection: PGConnection) {
        self.connection = connection
        buffer.reserveCapacity(Self.chunkBytesMax)
    }

    public func write(_ bytes: some Sequence<UInt8>) throws(PGError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.chunkBytesMax { try flush() }
    }

    /// Appends with direct access to the buffer (hot paths encode rows in place).
    public func withBuffer(_ body: (inout [UInt8]) -> Void) throws(PGError) {
        body(&buffer)
        if buffer.count >= Self.chunkBytesMax { try flush() }
    }

    func flush() throws(PGError) {
        guard !buffer.isEmpty else { return }
        let rc = buffer.withUnsafeBufferPointer { p in
            p.withMemoryRebound(to: CChar.self) { PQputCopyData(connection.handle, $0.baseAddress, Int32($0.count)) }
        }
        guard rc == 1 else { throw PGError(code: .copy, message: "COPY data could not be sent: \(connection.lastErrorMessage)") }
        buffer.removeAll(keepingCapacity: true)
    }
}
