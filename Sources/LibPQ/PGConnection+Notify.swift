import CLibPQ
#if canImport(Glibc)
import Glibc
#endif

extension PGConnection {
    public func listen(_ channel: String) throws(PGError) {
        try executeScript("LISTEN \(quoteIdentifier(channel))")
    }

    public func unlisten(_ channel: String) throws(PGError) {
        try executeScript("UNLISTEN \(quoteIdentifier(channel))")
    }

    public func notify(_ channel: String, payload: String = "") throws(PGError) {
        try execute("SELECT pg_notify($1, $2)", [.text(channel), .text(payload)])
    }

    /// Waits up to `timeoutMilliseconds` for a notification on a channel this connection
    /// listens to; nil when the time runs out.
    public func waitForNotification(timeoutMilliseconds: Int) throws(PGError) -> PGNotification? {
        let deadline = Self.monotonicMilliseconds() + Int64(timeoutMilliseconds)
        while true {
            guard PQconsumeInput(handle) == 1 else {
                throw PGError(code: .connection, message: "connection lost while waiting: \(lastErrorMessage)")
            }
            if let n = PQnotifies(handle) {
                defer { PQfreemem(n) }
                return PGNotification(channel: String(cString: n.pointee.relname),
                                      payload: String(cString: n.pointee.extra),
                                      senderProcessID: n.pointee.be_pid)
            }
            let left = deadline - Self.monotonicMilliseconds()
            if left <= 0 { return nil }
            var fd = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
            let rc = poll(&fd, 1, Int32(min(left, Int64(Int32.max))))
            if rc < 0 && errno != EINTR {
                throw PGError(code: .connection, message: "poll failed: errno \(errno)")
            }
        }
    }

    static func monotonicMilliseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }
}
