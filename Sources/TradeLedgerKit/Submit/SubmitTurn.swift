import LibPQ

/// The submitters' turn on one ledger: a PostgreSQL advisory lock (session level, keyed by the
/// ledger id) that makes a submitter's progress certain under contention.
///
/// An ordinary append holds the turn *shared*, only around the append itself, so submitters
/// append side by side as before. A submitter whose append conflicted takes the turn
/// *exclusively* for its next attempt: it waits for the appends in flight, reloads its state,
/// decides and appends while no other submitter can append, so that attempt cannot conflict
/// with another submitter. PostgreSQL queues a new shared request behind a waiting exclusive one,
/// so the exclusive waiter is not starved. The turn is taken before any lock of the append
/// (streams → head → command keys), never while holding one. Released by `defer`, and by the
/// server if the session ends.
///
/// Writers that are not submitters (`period close` takes the shared turn too; online appends do
/// not) can still move a stream meanwhile: the retries stay bounded for them.
struct SubmitTurn {
    let connection: PGConnection
    let key: Int64

    init(connection: PGConnection, ledgerId: String) {
        self.connection = connection
        self.key = Self.key(ledgerId: ledgerId)
    }

    /// FNV-1a (64-bit) of "tradeledger.submit/" + ledger id: the same key in every process.
    static func key(ledgerId: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in ("tradeledger.submit/" + ledgerId).utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }

    /// Runs `body` holding the turn shared (an ordinary append).
    func shared<T>(_ body: () throws -> T) throws -> T {
        _ = try connection.execute("SELECT pg_advisory_lock_shared($1)", [.int8(key)])
        defer { _ = try? connection.execute("SELECT pg_advisory_unlock_shared($1)", [.int8(key)]) }
        return try body()
    }

    /// Takes the turn exclusively; waits at most the session's lock_timeout (55P03 after it).
    func lockExclusive() throws {
        _ = try connection.execute("SELECT pg_advisory_lock($1)", [.int8(key)])
    }

    func unlockExclusive() {
        _ = try? connection.execute("SELECT pg_advisory_unlock($1)", [.int8(key)])
    }
}
