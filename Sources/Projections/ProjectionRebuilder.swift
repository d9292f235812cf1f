import EventStore
import LedgerDomain
import LibPQ

/// Blue/green rebuild (EVENT-STORE.md "Projections and checkpoints"): replays the log from seq 0
/// into a fresh generation in pages (each page and its progress in one transaction, so an
/// interrupted rebuild resumes where it stopped), while the live generation keeps answering.
/// Then, in one transaction under the live checkpoint's lock (`switchOver`): bring both
/// generations to one seq, compare their fingerprints there, bring the new generation to the
/// head and switch `proj.generations` and the checkpoint to it. A mismatch leaves the live
/// projection untouched unless `force` is set (after a fix to a projection's code, the new state
/// is meant to differ). Old generation rows are deleted after the switch commits.
///
/// With a `writer` (a second connection to the same ledger), a rebuild of the balances projection
/// together with others writes each page's balances rows there, in a transaction of their own,
/// beside the others' on the store's connection: two server backends instead of one, since a
/// rebuild waits on the server and the balances journal is most of what it writes. Each
/// projection's rows and its progress still commit together, so an interruption between the two
/// transactions leaves the projections at different seqs, which a resumed rebuild brings level
/// the plain way (`applyRebuildPage`), page by page, before it writes side by side again.
public struct ProjectionRebuilder {
    public let store: EventStore
    /// A second connection to the same ledger, for the balances projection's rows (see above).
    public let writer: EventStore?
    public var pageRows: Int
    /// Events per page. 25,000 was measured no faster at 714k events and doubled peak RSS (README).
    public static let pageRowsDefault = 10_000

    public struct Report: Sendable {
        public var projection: ProjectionName
        /// Events applied to the new generation.
        public var events: Int
        /// Where the new generation stands: after a switch, the live checkpoint's seq.
        public var seq: Int64
        /// The one seq at which both generations were compared (0 when not switched).
        public var comparedAtSeq: Int64 = 0
        /// The new and the live generation's fingerprints at `comparedAtSeq`.
        public var fingerprint: String
        public var previousFingerprint: String
        public var resumed: Bool
        public var switched: Bool
    }

    public init(store: EventStore, writer: EventStore? = nil, pageRows: Int = ProjectionRebuilder.pageRowsDefault) {
        precondition(writer.map { $0 !== store && $0.connection !== store.connection && $0.ledgerId == store.ledgerId } ?? true,
                     "a writer is another connection to the same ledger")
        self.store = store
        self.writer = writer
        self.pageRows = pageRows
    }

    /// The projections written on `writer` when `projections` are rebuilt together: balances,
    /// when there is a writer and another projection is rebuilt too; else none.
    static func sideGroup(_ projections: [ProjectionName], writer: EventStore?) -> [ProjectionName] {
        writer != nil && projections.count > 1 && projections.contains(.balances) ? [.balances] : []
    }

    var connection: PGConnection { store.connection }
    var ledger: PGValue { .text(store.ledgerId) }

    /// Rebuilds one projection (see `rebuild(_:force:afterPage:)` for several).
    public func rebuild(_ projection: ProjectionName, force: Bool = false,
                        afterPage: (Int64, Int) -> Bool = { _, _ in true }) throws -> Report {
        try rebuild([projection], force: force, afterPage: afterPage)[0]
    }

    /// Rebuilds several projections in one pass over the log (each event read and decoded once).
    /// `afterPage` is called after each committed page with the rebuild's seq and the events so
    /// far (progress; tests use it to query mid-rebuild); returning false stops early, leaving the
    /// rebuild to be resumed by the next call.
    public func rebuild(_ projections: [ProjectionName], force: Bool = false,
                        afterPage: (Int64, Int) -> Bool = { _, _ in true }) throws -> [Report] {
        precondition(!projections.isEmpty && Set(projections).count == projections.count, "projections to rebuild")
        var generations: [ProjectionName: Int64] = [:]
        var resumed: [ProjectionName: Bool] = [:]
        var deferred: DeferredBalances?
        for p in projections {
            try connection.execute("""
                INSERT INTO proj.rebuilds (ledger_id, projection, generation, last_seq, last_hash)
                VALUES ($1, $2, nextval('proj.generation_seq'), 0, $3) ON CONFLICT (ledger_id, projection) DO NOTHING
                """, [ledger, .text(p.rawValue), .bytea(EventHash.genesis)])
            let r = try connection.execute("SELECT generation, last_seq FROM proj.rebuilds WHERE ledger_id = $1 AND projection = $2",
                                           [ledger, .text(p.rawValue)])
            generations[p] = try r.int64(0, 0)
            resumed[p] = try r.int64(0, 1) > 0
            if p == .balances { deferred = DeferredBalances(progress: try r.int64(0, 1)) }
        }

        // Replay in pages, each page and every projection's progress in one transaction; page N+1
        // is read in page N's transaction and folded on another thread while page N is written.
        var events = 0
        var ahead: PageAhead?
        defer { ahead?.wait() }
        let side = Self.sideGroup(projections, writer: writer)
        while true {
            let n = if let writer, !side.isEmpty {
                try applyRebuildPage(projections, generations: generations, side: side, writer: writer, ahead: &ahead, deferred: deferred)
            } else {
                try connection.withTransaction { _ in
                    try applyRebuildPage(projections, generations: generations, ahead: &ahead, deferred: deferred)
                }
            }
            if n.count == 0 { break }
            events += n.count
            if !afterPage(n.seq, events) {
                return projections.map { Report(projection: $0, events: events, seq: n.seq, fingerprint: "", previousFingerprint: "",
                                                resumed: resumed[$0]!, switched: false) }
            }
        }
        // One switch after another; the old generation of a side projection is deleted on the
        // writer's connection meanwhile (its tables are that projection's alone).
        var deletes: [BackgroundJob<Void>] = []
        defer { for d in deletes { d.join() } }
        let reports = try projections.map { p in
            let onWriter = side.contains(p) ? writer : nil
            var report = try switchOver(p, generation: generations[p]!, force: force, deletingOld: onWriter == nil, deferred: deferred)
            if let onWriter {
                let ledger = store.ledgerId, generation = generations[p]!
                deletes.append(BackgroundJob { try Self.deleteGenerations(onWriter.connection, ledger: ledger, projection: p, except: generation) })
            }
            report.events += events
            report.resumed = resumed[p]!
            return report
        }
        for d in deletes { try d.join().get() }
        return reports
    }

    /// Applies one page (optionally not beyond `upTo`) to each projection's rebuild generation,
    /// each projection only the events past its own progress, and records the progress.
    func applyRebuildPage(_ projections: [ProjectionName], generations: [ProjectionName: Int64],
                          upTo: Int64?) throws -> (count: Int, seq: Int64) {
        let positions = try rebuildPositions(projections)
        guard let outcome = try PageApplier(store: store, pageRows: pageRows).apply(positions: positions, generations: generations, upTo: upTo) else {
            return (0, positions.values.map(\.seq).min()!)
        }
        try recordProgress(projections, outcome.last)
        return (outcome.read, outcome.last.seq)
    }

    /// `applyRebuildPage` to the head, pipelined: the page is the one folded ahead (`ahead`) when
    /// it starts exactly at the locked progress of every projection (else it is read and folded
    /// here, and a stale `ahead` is dropped). Unless the page is the log's last, the next page is
    /// read (verified) in this transaction and handed to a new `ahead` before this one is
    /// written. The rows written and the progress recorded are those of `applyRebuildPage`.
    func applyRebuildPage(_ projections: [ProjectionName], generations: [ProjectionName: Int64],
                          ahead: inout PageAhead?, deferred: DeferredBalances?) throws -> (count: Int, seq: Int64) {
        let positions = try rebuildPositions(projections)
        let pending = ahead
        ahead = nil
        guard let start = positions.values.first, positions.values.allSatisfy({ $0 == start }) else {
            // Projections at different seqs (a resumed rebuild): the page the plain way, which
            // also writes its running balances (the deferred ones are then read from the journal).
            deferred?.forget()
            pending?.wait()
            guard let outcome = try PageApplier(store: store, pageRows: pageRows).apply(positions: positions, generations: generations) else {
                return (0, positions.values.map(\.seq).min()!)
            }
            try recordProgress(projections, outcome.last)
            return (outcome.read, outcome.last.seq)
        }
        guard let page = try foldedPage(projections, from: start, pending: pending) else { return (0, start.seq) }
        ahead = try readAhead(projections, after: page)
        try page.write(store, generations: generations)
        try recordProgress(projections, page.last)
        try page.addBalances(to: deferred)  // should the commit fail, the rebuild fails, and the sums with it
        return (page.read, page.last.seq)
    }

    /// `applyRebuildPage(_:generations:ahead:)` with the `side` projections' rows written on
    /// `writer`'s connection in a transaction of their own, beside the others' on the store's
    /// (where the next page is also read, before they are written). The page starts at the
    /// progress of every projection, looked at unlocked; each transaction locks its own progress
    /// rows and writes only if they still stand there. When they do not (projections at
    /// different seqs after an interruption, or moved meanwhile by another rebuild), the page
    /// goes the plain way, in one transaction on the store's connection.
    func applyRebuildPage(_ projections: [ProjectionName], generations: [ProjectionName: Int64], side: [ProjectionName],
                          writer: EventStore, ahead: inout PageAhead?, deferred: DeferredBalances?) throws -> (count: Int, seq: Int64) {
        let positions = try rebuildPositions(projections, locking: false)
        guard let start = positions.values.first, positions.values.allSatisfy({ $0 == start }) else {
            return try connection.withTransaction { _ in try applyRebuildPage(projections, generations: generations, ahead: &ahead, deferred: deferred) }
        }
        let pending = ahead
        ahead = nil
        guard let page = try foldedPage(projections, from: start, pending: pending) else { return (0, start.seq) }
        let sideRebuilder = ProjectionRebuilder(store: writer, pageRows: pageRows)
        let sideWrite = BackgroundJob { try sideRebuilder.writeGroup(side, page, generations: generations) }
        var next: PageAhead?
        let wrote = Result {
            next = try readAhead(projections, after: page)
            return try writeGroup(projections.filter { !side.contains($0) }, page, generations: generations)
        }
        let sideWrote = sideWrite.join()
        ahead = next
        let mainOK = try wrote.get(), sideOK = try sideWrote.get()
        if sideOK { try page.addBalances(to: deferred) }  // the side group is the balances
        guard mainOK, sideOK else {
            // Moved meanwhile: what was written stands; the rest the plain way.
            return try connection.withTransaction { _ in try applyRebuildPage(projections, generations: generations, ahead: &ahead, deferred: deferred) }
        }
        return (page.read, page.last.seq)
    }

    /// In one transaction on this rebuilder's connection: locks the progress rows of `group`
    /// and, when they stand at the page's start, writes the page's rows of `group` and records
    /// their progress; false, with nothing written, when they stand elsewhere.
    func writeGroup(_ group: [ProjectionName], _ page: PageApplier.FoldedPage, generations: [ProjectionName: Int64]) throws -> Bool {
        try connection.withTransaction { _ in
            let positions = try rebuildPositions(group)
            guard positions.values.allSatisfy({ $0 == page.start }) else { return false }
            try page.write(store, generations: generations, only: group)
            try recordProgress(group, page.last)
            return true
        }
    }

    /// The page from `start`, folded: the one folded ahead (`pending`) when it starts there, else
    /// read and folded here (a stale `pending` is waited for and dropped); nil at the head.
    func foldedPage(_ projections: [ProjectionName], from start: LogPosition, pending: PageAhead?) throws -> PageApplier.FoldedPage? {
        if let pending, pending.start == start { return try pending.wait().get() }
        pending?.wait()
        guard let read = try readPage(from: start) else { return nil }
        return try PageApplier.FoldedPage(projections, page: read.events, start: start, last: read.last)
    }

    /// Unless `page` is the log's last (it is short), the next page, read (verified) here and
    /// handed to a new `PageAhead` to fold.
    func readAhead(_ projections: [ProjectionName], after page: PageApplier.FoldedPage) throws -> PageAhead? {
        guard page.read == pageRows, let next = try readPage(from: page.last) else { return nil }
        return PageAhead(projections, page: next.events, start: page.last, last: next.last)
    }

    /// The page of the log after `start` (verified), and where it ends; nil when none.
    func readPage(from start: LogPosition) throws -> (events: [RecordedEvent], last: LogPosition)? {
        var reader = try LedgerReader(store: store, afterSeq: start.seq, lastHash: start.hash, pageRows: pageRows)
        let events = try reader.next()
        return events.isEmpty ? nil : (events, LogPosition(seq: reader.lastSeq, hash: reader.lastHash))
    }

    /// The progress rows of `projections`, locked in name order unless `locking` is false.
    func rebuildPositions(_ projections: [ProjectionName], locking: Bool = true) throws -> [ProjectionName: LogPosition] {
        let r = try connection.execute("""
            SELECT projection, last_seq, last_hash FROM proj.rebuilds WHERE ledger_id = $1 AND projection = ANY($2::text[])
             ORDER BY projection \(locking ? "FOR UPDATE" : "")
            """, [ledger, .textArray(projections.map(\.rawValue))])
        var positions: [ProjectionName: LogPosition] = [:]
        for row in 0..<r.rowCount {
            positions[ProjectionName(rawValue: try r.string(row, 0))!] = LogPosition(seq: try r.int64(row, 1), hash: try r.bytes(row, 2))
        }
        guard positions.count == projections.count else {
            throw Self.overtaken(projections.filter { positions[$0] == nil })
        }
        return positions
    }

    /// The error of a rebuild whose progress in `proj.rebuilds` is gone. Rebuilds of one
    /// projection started together share that row, and the first to switch deletes it: another
    /// rebuild of the same projection has switched over (or is switching) ahead of this one,
    /// which stops having changed nothing live. The operator waits for it, then looks.
    static func overtaken(_ projections: [ProjectionName]) -> ProjectionError {
        let names = projections.map(\.rawValue).joined(separator: ", ")
        return ProjectionError("""
            another rebuild of \(names) is running at the same time and switched over first, so this rebuild stopped \
            and changed nothing; wait for the other rebuild to finish (`tradeledger projections status`, or the rows of \
            proj.rebuilds, show whether one is still under way), then rebuild again only if still needed
            """, projection: projections.count == 1 ? projections[0] : nil, kind: .overtaken)
    }

    /// Records that every one of `projections` has been rebuilt up to `last`.
    func recordProgress(_ projections: [ProjectionName], _ last: LogPosition) throws {
        for p in projections {
            try connection.execute("UPDATE proj.rebuilds SET last_seq = $3, last_hash = $4 WHERE ledger_id = $1 AND projection = $2",
                                   [ledger, .text(p.rawValue), .int8(last.seq), .bytea(last.hash)])
        }
    }

    /// Deletes this ledger's rows of every generation of `projection` other than `except` and
    /// than a rebuild in progress.
    static func deleteGenerations(_ c: PGConnection, ledger: String, projection: ProjectionName, except: Int64) throws {
        for table in projection.model.tables {
            try c.execute("""
                DELETE FROM \(table) WHERE ledger_id = $1 AND generation <> $2
                   AND generation NOT IN (SELECT generation FROM proj.rebuilds WHERE ledger_id = $1 AND projection = $3)
                """, [.text(ledger), .int8(except), .text(projection.rawValue)])
        }
    }
}
