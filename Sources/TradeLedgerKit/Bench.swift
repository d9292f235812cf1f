import EventStore
import Foundation
import LibPQ
import Projections
import VisaSettlement

/// Benchmarks for `ops/bench`: each row runs in its own child process (so its peak RSS is its
/// own) against a fresh database, beside a raw PostgreSQL baseline doing the same rows into a
/// table of the same shape, in the same run.
public enum Bench {
    public struct Row: Codable, Sendable {
        public var name: String
        public var throughput: Double
        public var unit: String
        public var baseline: String?
        public var baselineThroughput: Double?
        public var ratio: Double?
        public var peakRssBytes: Int64
        public var count: Int
        public var seconds: Double

        public var commands: Int?
        /// Seconds per phase, for rows that have phases (reconcile: parse, index, match, append).
        public var phases: [String: Double]?

        public init(name: String, throughput: Double, unit: String, peakRssBytes: Int64, count: Int, seconds: Double, commands: Int? = nil,
                    phases: [String: Double]? = nil) {
            self.name = name; self.throughput = throughput; self.unit = unit
            self.peakRssBytes = peakRssBytes; self.count = count; self.seconds = seconds; self.commands = commands
            self.phases = phases
        }
    }

    public static func peakRSSBytes() -> Int64 {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Int64(usage.ru_maxrss) * 1024
    }


    /// A fresh migrated database on the cluster of `adminURL` (a superuser URI).
    public static func freshDatabase(adminURL: String, name: String, schemaDirectory: String) throws -> String {
        let admin = try PGConnection(adminURL)
        try admin.executeScript("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        try admin.executeScript("CREATE DATABASE \(name)")
        let url = PGConnectionURI.replacingDatabase(in: adminURL, with: name)
        try Migrator(directory: schemaDirectory).migrate(try PGConnection(url))
        try PGConnection(url).executeScript("""
            CREATE TABLE public.raw_events (LIKE ledger.events INCLUDING ALL);
            GRANT ALL ON public.raw_events TO tradeledger_app;
            """)
        return url
    }


    /// Runs one named row and returns (count, seconds).
    public static func runRow(_ name: String, url: String, count: Int, clients: Int) throws -> (Int, Double) {
        switch name {
        case "raw-insert-8-clients": return try rawInsert(url: url, count: count, clients: clients)
        case "online-append": return try onlineAppend(url: url, count: count, clients: clients)
        case "raw-copy": return try rawCopy(url: url, count: count)
        case "bulk-append": return try bulkAppend(url: url, count: count)
        case "read-file": return try readFile(count: count, parse: false)
        case "visa-parse": return try readFile(count: count, parse: true)
        default: throw AppError.usage("unknown bench row \(name)")
        }
    }

    /// The ledger "main" of a bench database, as the CLI's role sees it.
    static func appStore(_ url: String) throws -> EventStore {
        let conn = try PGConnection(url)
        try conn.executeScript("SET ROLE tradeledger_app")
        return EventStore(connection: conn, ledgerId: "main")
    }

    static func parallel(_ clients: Int, _ body: @escaping @Sendable (Int) throws -> Void) throws {
        let failures = FailureBox()
        let group = DispatchGroup()
        for i in 0..<clients {
            group.enter()
            Thread.detachNewThread {
                do { try body(i) } catch { failures.add("\(error)") }
                group.leave()
            }
        }
        group.wait()
        if let f = failures.first { throw AppError.rejected("bench client failed: \(f)") }
    }

    static func rawInsert(url: String, count: Int, clients: Int) throws -> (Int, Double) {
        let per = count / clients
        let start = Clock.monotonicSeconds()
        try parallel(clients) { c in
            let conn = try PGConnection(url)
            try conn.prepare("ins", """
                INSERT INTO public.raw_events (ledger_id, seq, stream_id, stream_version, event_id, event_type, schema_version,
                  body, command_id, recorded_at, effective_at, prev_hash, hash)
                VALUES ('main', $1, $2, 1, $3, 'SyntheticRecorded', 1, $4, $2, now(), now(), $5, $5)
                """)
            for i in 0..<per {
                let n = c * per + i + 1
                let r = SyntheticAppender.request(n)
                try conn.executePrepared("ins", [.int8(Int64(n)), .text(r.commandId),
                                                 .uuid(PGUUID(bytes: EventHash.eventId(ledgerId: "main", commandId: r.commandId, index: 0))),
                                                 .bytea(r.events[0].body), .bytea(r.requestHash)])
            }
        }
        return (per * clients, Clock.monotonicSeconds() - start)
    }

    static func onlineAppend(url: String, count: Int, clients: Int) throws -> (Int, Double) {
        let per = count / clients
        let start = Clock.monotonicSeconds()
        try parallel(clients) { c in
            let store = try appStore(url)
            for i in 0..<per { _ = try store.append(SyntheticAppender.request(c * per + i + 1)) }
        }
        return (per * clients, Clock.monotonicSeconds() - start)
    }

    static func rawCopy(url: String, count: Int) throws -> (Int, Double) {
        let conn = try PGConnection(url)
        let start = Clock.monotonicSeconds()
        var done = 0
        while done < count {
            let n = min(EventStore.bulkChunkEventsMax, count - done)
            _ = try conn.withTransaction { c in
                try c.copyIn("COPY public.raw_events \(EventStore.copyColumns) FROM STDIN (FORMAT binary)") { w in
                    try w.write(PGBinaryCopyEncoder.header)
                    for i in done..<(done + n) {
                        let r = SyntheticAppender.request(i + 1)
                        try w.withBuffer { out in
                            EventStore.encodeCopyRow(
                                ledgerId: "main", seq: Int64(i + 1), streamId: r.commandId, streamVersion: 1,
                                eventId: EventHash.eventId(ledgerId: "main", commandId: r.commandId, index: 0),
                                eventType: "SyntheticRecorded", schemaVersion: 1, body: r.events[0].body, commandId: r.commandId,
                                recordedAt: r.events[0].effectiveAt, effectiveAt: r.events[0].effectiveAt,
                                prevHash: r.requestHash, hash: r.requestHash, into: &out)
                        }
                    }
                    try w.write(PGBinaryCopyEncoder.trailer)
                }
            }
            done += n
        }
        return (count, Clock.monotonicSeconds() - start)
    }

    static func bulkAppend(url: String, count: Int) throws -> (Int, Double) {
        let start = Clock.monotonicSeconds()
        let n = try SyntheticAppender(config: DatabaseConfig(conninfo: url), commands: count).run()
        return (n, Clock.monotonicSeconds() - start)
    }
}

extension Bench {
    /// Generates a scenario of about `commands` commands into a file (untimed).
    static func scenarioFile(commands: Int) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tradeledger-bench-commands-\(commands).ndjson").path
        if !FileManager.default.fileExists(atPath: path) {
            // A payment is about 2.1 commands (invoice, capture or transfer, some refunds and credit notes).
            let payments = max(10, commands * 10 / 21)
            try ScenarioGenerator(merchants: 200, buyers: 5_000, payments: payments, seed: 7).write(to: path)
        }
        return path
    }

    /// `submit-bulk`: NDJSON → committed events, end to end, in-process. Then the baseline: raw
    /// COPY of the same number of event rows into a table of the same shape. Two rows.
    public static func submitRows(url: String, commands: Int, label: String) throws -> [Row] {
        let path = try scenarioFile(commands: commands)
        var input = try CommandInput(path: path)
        let store = try appStore(url)
        let reader = try appStore(url)
        let start = Clock.monotonicSeconds()
        let summary = try SubmitService(store: store, reader: reader, tokenKey: TokenKey.development).run(&input, emit: { _ in })
        let seconds = Clock.monotonicSeconds() - start
        let rss = peakRSSBytes()
        let submitted = summary.accepted + summary.duplicate + summary.rejected
        let (copied, copySeconds) = try rawCopy(url: url, count: summary.events)
        return [
            Row(name: "raw-copy-\(label)", throughput: Double(copied) / copySeconds, unit: "events/s", peakRssBytes: rss, count: copied, seconds: copySeconds),
            Row(name: "submit-bulk-\(label)", throughput: Double(summary.events) / seconds, unit: "events/s", peakRssBytes: rss,
                count: summary.events, seconds: seconds, commands: submitted),
        ]
    }

    /// `rebuild-setup`: submits about `events` events and runs the projections (untimed, in its
    /// own process so the rebuild row's peak RSS is the rebuild's own).
    public static func rebuildSetup(url: String, events: Int) throws {
        let path = try scenarioFile(commands: events * 10 / 23)
        var input = try CommandInput(path: path)
        let store = try appStore(url)
        _ = try SubmitService(store: store, tokenKey: TokenKey.development).run(&input, emit: { _ in })
        _ = try ProjectionService(store: store).runOnce()
    }

    /// `rebuild`: on the database of `rebuild-setup`, the baseline (COPY of the events table out,
    /// binary) and then a blue/green rebuild of all projections while the live ones exist. Two rows.
    public static func rebuildRows(url: String, label: String) throws -> [Row] {
        let store = try appStore(url)
        let total = Int(try store.head().seq)
        var start = Clock.monotonicSeconds()
        var bytes = 0
        let rows = try store.connection.copyOut("COPY (SELECT * FROM ledger.events WHERE ledger_id = 'main' ORDER BY seq) TO STDOUT (FORMAT binary)") { bytes += $0.count }
        let copySeconds = Clock.monotonicSeconds() - start
        precondition(rows == Int64(total) && bytes > 0, "copy-out read \(rows) rows")
        let copyRSS = peakRSSBytes()
        let writer = try appStore(url)
        start = Clock.monotonicSeconds()
        let reports = try ProjectionRebuilder(store: store, writer: writer).rebuild(ProjectionName.allCases)
        let seconds = Clock.monotonicSeconds() - start
        precondition(reports.allSatisfy { $0.switched && $0.fingerprint == $0.previousFingerprint }, "rebuild differs from the live projections")
        return [
            Row(name: "copy-out-\(label)", throughput: Double(total) / copySeconds, unit: "events/s", peakRssBytes: copyRSS, count: total, seconds: copySeconds),
            Row(name: "rebuild-\(label)", throughput: Double(total) / seconds, unit: "events/s", peakRssBytes: peakRSSBytes(), count: total, seconds: seconds),
        ]
    }

    /// The generated Visa file for `count` drafts (written once, reused by both rows).
    static func visaFile(count: Int) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tradeledger-bench-visa-\(count).txt").path
        if !FileManager.default.fileExists(atPath: path) {
            let bytes = VisaFileWriter.generate(drafts: count, seed: 42, format: .lines(.lf))
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        }
        return path
    }

    /// Baseline `read-file`: read the file in the import's blocks and count the lines (what
    /// `wc -l` does). Row `visa-parse`: read it the same way and fully parse and validate it
    /// (`parseFile`). Throughput in records per second; neither holds the file.
    static func readFile(count: Int, parse: Bool) throws -> (Int, Double) {
        let path = try visaFile(count: max(1, count / 3))  // a draft is 3 records (TCR 0, 1, 5)
        let start = Clock.monotonicSeconds()
        var records = 0
        if parse {
            records = try parseFile(path).recordCount
        } else {
            try ReconcileFile.blocks(path) { block in records += block.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
        }
        return (records, Clock.monotonicSeconds() - start)
    }

    /// Streams `path` through the strict reader as an import reads it (blocks of
    /// `ReconcileFile.blockBytes`; every record decoded and validated, trailer counts and hash
    /// totals included; transactions handed to a visitor that counts them), without the hash.
    static func parseFile(_ path: String) throws -> VisaFileSummary {
        var reader = VisaStreamReader(visitor: CountingVisitor())
        try ReconcileFile.blocks(path) { reader.feed($0) }
        let (result, visitor) = reader.finish()
        switch result {
        case .success(let summary):
            precondition(visitor.transactions > 0)
            return summary
        case .failure(let r): throw AppError.rejected("the generated file was rejected: \(r)")
        }
    }
}

struct CountingVisitor: VisaFileVisitor {
    var transactions = 0
    mutating func visit(transaction: VisaTransaction) { transactions += 1 }
}

final class FailureBox: @unchecked Sendable {
    private var items: [String] = []
    private let lock = NSLock()
    func add(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
    var first: String? { lock.lock(); defer { lock.unlock() }; return items.first }
}
