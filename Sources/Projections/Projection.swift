import EventStore
import LedgerDomain
import LibPQ

/// One read model built from the log. A value is what a run of events changes in it, folded in
/// memory and then written set-based (one statement per table, journals by binary COPY): per
/// page by the runner and the rebuild, and over the whole log (without journals) by `verify`'s
/// in-memory replay. Each projection lives in its own folder (Balances/, Invoices/, Subsidies/)
/// with its fold, flush SQL, tables, fingerprint, stored-row checks and queries; the runner,
/// rebuilder, verifier and fingerprint only go through this protocol, and `ProjectionName.model`
/// registers each one.
///
/// The fold is batched: `fold(_:_:after:through:)` takes a whole decoded page, so the page
/// applier and the verifier make one dynamic call per projection per page (`PageApplier.apply`
/// is generic over the concrete type); a release rebuild of 80,627 events took the same time as
/// with the former switch per event, within noise.
protocol Projection {
    static var name: ProjectionName { get }
    /// The tables holding its rows, each keyed by `(ledger_id, generation, …)`; a rebuild's switch
    /// deletes the old generation's rows from each.
    static var tables: [String] { get }
    /// A query (`$1` ledger, `$2` generation) returning the fingerprint text of the stored rows:
    /// the lines of `fingerprintLines()` for the same state, joined by newlines (NULL when none).
    static var fingerprintSQL: String { get }

    /// An empty delta; `keepJournal: false` skips the as-of journals (`verify`'s replay).
    init(keepJournal: Bool)
    /// Events folded so far (every event handed to `fold`, whether it touched this projection or not).
    var events: Int { get set }
    /// Folds one event (the event at `seq`); `fold` counts it.
    mutating func add(seq: Int64, event: DomainEvent) throws
    /// Writes the delta into `generation` of the ledger's rows.
    func flush(_ c: PGConnection, ledger: String, generation: Int64) throws
    /// Writes a rebuild page's delta: `flush` but for what the rebuild writes once, at its
    /// switch (the balances' running totals: `DeferredBalances`).
    func flushRebuildPage(_ c: PGConnection, ledger: String, generation: Int64) throws
    /// The fingerprint text of this delta taken as the whole state (an in-memory replay of the
    /// log), line by line, in the same order and format as `fingerprintSQL`.
    func fingerprintLines() -> [String]
    /// Checks of the stored rows beyond the fingerprint (journals against running totals), for
    /// `verify`; throws a `ProjectionError` naming what disagrees.
    static func checkStored(_ c: PGConnection, ledger: String, generation: Int64) throws

    /// Folds the `decoded` events of `page` (in order) whose seq is in `after+1...through`.
    mutating func fold(_ page: [RecordedEvent], _ decoded: [DomainEvent], after: Int64, through: Int64) throws
}

extension Projection {
    static func checkStored(_ c: PGConnection, ledger: String, generation: Int64) throws {}

    func flushRebuildPage(_ c: PGConnection, ledger: String, generation: Int64) throws {
        try flush(c, ledger: ledger, generation: generation)
    }

    mutating func fold(_ page: [RecordedEvent], _ decoded: [DomainEvent], after: Int64, through: Int64) throws {
        precondition(page.count == decoded.count, "a page and its decoded events")
        // By index, reading only each row's seq: copying the rows and events out (as a `zip`
        // does) cost a retain and a release of each of their fields, per event and projection.
        for i in page.indices {
            let seq = page[i].seq
            guard seq > after && seq <= through else { continue }
            events += 1
            do { try add(seq: seq, event: decoded[i]) } catch let error as ProjectionError {
                throw error.located(projection: Self.name, seq: seq)
            } catch {
                throw ProjectionError("\(Self.name.rawValue): event at seq \(seq) (\(decoded[i].eventType)) cannot be folded: \(error)",
                                      projection: Self.name, seq: seq)
            }
        }
    }
}
