import EventStore
import Money
import Projections

/// The text of `projections run|rebuild|status`.
extension ProjectionService {
    /// One line per projection: `balances: applied N events`.
    public static func runOnceLines(_ applied: [(Name, Int)]) -> [String] {
        applied.map { "\($0.0.rawValue): applied \($0.1) events" }
    }

    /// What one round of `--follow` applied: `balances +N, invoices +M` (projections with none left out).
    public static func followLine(_ applied: [(Name, Int)]) -> String {
        applied.filter { $0.1 > 0 }.map { "\($0.0.rawValue) +\($0.1)" }.joined(separator: ", ")
    }

    /// Rebuilds `names` (all when empty; a name given twice is rebuilt once) blue/green in one pass,
    /// drawing progress on `progress`; returns the report the CLI prints. `writer`, a second
    /// connection to the ledger, lets the balances rows be written beside the others'
    /// (`ProjectionRebuilder.writer`).
    public func rebuildOutput(_ names: [Name], force: Bool, writer: EventStore? = nil, progress: ProgressReporter) throws -> String {
        var projections: [Name] = []
        for n in names.isEmpty ? Name.allCases : names where !projections.contains(n) { projections.append(n) }
        let head = try store.head().seq
        let reports = try ProjectionRebuilder(store: store, writer: writer).rebuild(projections, force: force) { seq, events in
            progress.rebuilding(seq: seq, head: head, events: events)
            return true
        }
        progress.finish()
        let rate = Int(ProgressReporter.rate(Int64(reports[0].events), seconds: progress.elapsedSeconds))
        var lines = ["rebuilt \(projections.map(\.rawValue).joined(separator: ", ")) from \(reports[0].events) events in one pass (\(rate) events/s)"]
        for r in reports {
            let compared = r.comparedAtSeq == r.seq ? "" : " (compared at seq \(r.comparedAtSeq))"
            let outcome = r.fingerprint == r.previousFingerprint ? "matches the live one" : "replaces \(r.previousFingerprint.prefix(16))… (forced)"
            lines.append("  \(r.projection.rawValue): seq \(r.seq)\(r.resumed ? ", resumed" : ""); fingerprint \(r.fingerprint.prefix(16))… \(outcome)\(compared); switched")
        }
        return lines.joined(separator: "\n")
    }

    /// `projections status`: per projection its checkpoint, the head, the lag and the last update.
    public func statusOutput(format: Format) throws -> String {
        let rows = try ProjectionRunner(store: store).status()
        func updated(_ s: ProjectionRunner.Status) -> String? {
            s.updatedAt.map { Timestamp(microsecondsSinceEpoch: $0.microsecondsSinceUnixEpoch).rfc3339 }
        }
        switch format {
        case .json:
            return JSONText.encode(.object([("projections", .array(rows.map { s in .object([
                ("projection", .string(s.projection.rawValue)), ("checkpointSeq", .int(s.checkpointSeq)), ("headSeq", .int(s.headSeq)),
                ("lag", .int(s.lag)), ("updatedAt", updated(s).map { .string($0) } ?? .null),
            ]) }))]))
        case .csv, .table:
            let header = ["projection", "checkpoint", "head", "lag", "updated", "note"]
            let cells = rows.map { [$0.projection.rawValue, String($0.checkpointSeq), String($0.headSeq), String($0.lag),
                                    updated($0) ?? "never", $0.rebuildingToSeq.map { "rebuilding (at \($0))" } ?? ""] }
            return format == .csv ? TextTable.csv(header, cells) : TextTable.render(header, cells, rightAligned: [1, 2, 3])
        }
    }
}
