import EventStore
import Foundation
import LibPQ
import Money
import Projections

/// `projections run|rebuild|status` and the query commands, formatted for the CLI.
public struct ProjectionService {
    public let store: EventStore
    public init(store: EventStore) { self.store = store }

    public var queries: ProjectionQueries { ProjectionQueries(connection: store.connection, ledgerId: store.ledgerId) }

    /// Catches every projection up; returns events applied per projection.
    public func runOnce() throws -> [(ProjectionName, Int)] {
        let applied = try ProjectionRunner(store: store).catchUp(ProjectionName.allCases)
        return ProjectionName.allCases.map { ($0, applied[$0] ?? 0) }
    }

    /// Runs `body` (`projections run`, once or following, and `projections rebuild`), reporting a
    /// projection that cannot fold the log (`ProjectionError`: an event it cannot read or apply,
    /// named by seq) or a rebuild that differs from the live projection as a failed verification,
    /// exit 4, as `verify` reports the same log: nothing the operator gave was rejected, so it is
    /// not exit 1. A rebuild overtaken by another (`.overtaken`) stays exit 1: nothing failed.
    public static func foldingTheLog<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as ProjectionError where e.kind == .failed {
            throw AppError(.verificationFailed, e)
        }
    }

    /// Polls with back-off (woken early by NOTIFY on `tradeledger_appended` if anyone sends it)
    /// until `shouldStop` says so.
    public func follow(pollMillisecondsMax: Int = 2_000, shouldStop: () -> Bool, onApplied: ([(ProjectionName, Int)]) -> Void) throws {
        try store.connection.listen("tradeledger_appended")
        var wait = 50
        while !shouldStop() {
            let applied = try runOnce()
            if applied.contains(where: { $0.1 > 0 }) { onApplied(applied); wait = 50; continue }
            _ = try store.connection.waitForNotification(timeoutMilliseconds: wait)
            wait = min(wait * 2, pollMillisecondsMax)
        }
    }

    /// The read models by name, as `projections rebuild` takes them.
    public typealias Name = ProjectionName
    /// An invoice's status, as `invoices --status` takes it.
    public typealias InvoiceStatus = Projections.InvoiceStatus

    public enum Format: String, CaseIterable, Sendable { case table, json, csv }

    /// Balances, by business time through `asOf` when given, else the current ones. The JSON's
    /// `asOf` is `asOf`, else `now`: by default the database clock's now (`DatabaseClock.now`),
    /// as the rest of business time, never the machine's clock.
    public func balancesOutput(prefix: String?, asOf: Timestamp?, format: Format, now: Timestamp? = nil) throws -> String {
        let rows = try queries.balances(accountPrefix: prefix, asOf: asOf)
        switch format {
        case .json:
            let printed = try asOf ?? now ?? DatabaseClock.now(store.connection)
            return JSONText.encode(.object([
                ("asOf", .string(printed.rfc3339)),
                ("balances", .array(rows.map { b in .object([
                    ("account", .string(b.account)), ("currency", .string(b.debits.currency.code)),
                    ("debits", .string(b.debits.decimalString)), ("credits", .string(b.credits.decimalString)),
                    ("balance", .string(b.balance.decimalString)),
                ]) })),
            ]))
        case .csv, .table:
            let header = ["account", "currency", "debits", "credits", "balance"]
            let cells = rows.map { [$0.account, $0.debits.currency.code, $0.debits.decimalString, $0.credits.decimalString, $0.balance.decimalString] }
            return format == .csv ? TextTable.csv(header, cells) : TextTable.render(header, cells, rightAligned: [2, 3, 4])
        }
    }

    public func trialBalanceOutput(format: Format) throws -> String {
        let rows = try queries.trialBalance()
        func s(_ v: Int64, _ c: Currency) -> String { Amount(minorUnits: v, currency: c).decimalString }
        switch format {
        case .json:
            return JSONText.encode(.object([("currencies", .array(rows.map { t in .object([
                ("currency", .string(t.currency.code)), ("debits", .string(s(t.debits, t.currency))),
                ("credits", .string(s(t.credits, t.currency))), ("net", .string(s(t.net, t.currency))),
            ]) }))]))
        case .csv, .table:
            let header = ["currency", "debits", "credits", "net"]
            let cells = rows.map { [$0.currency.code, s($0.debits, $0.currency), s($0.credits, $0.currency), s($0.net, $0.currency)] }
            return format == .csv ? TextTable.csv(header, cells) : TextTable.render(header, cells, rightAligned: [1, 2, 3])
        }
    }

    /// Invoices as they stood at the end of `asOf` (UTC): amounts and status; nil (the CLI's
    /// default) is today, the database clock's UTC day (`DatabaseClock.today`), as the rest of
    /// business time: never the machine's clock. Invoices not yet issued by then are not listed.
    public func invoicesOutput(id: String?, status: InvoiceStatus?, asOf: CalendarDay?, format: Format) throws -> String {
        let asOf = try asOf ?? DatabaseClock.today(store.connection)
        let rows = try queries.invoices(id: id, asOf: asOf).filter { status == nil || $0.status(asOf: asOf) == status }
        if let id, rows.isEmpty { throw AppError.rejected("no invoice \(id) as of \(asOf.text)") }
        switch format {
        case .json:
            let items: [JSONText.Value] = rows.map { i in .object([
                ("invoiceId", .string(i.invoiceId)), ("sellerId", .string(i.sellerId)), ("buyerId", .string(i.buyerId)),
                ("currency", .string(i.total.currency.code)), ("total", .string(i.total.decimalString)),
                ("paid", .string(i.paid.decimalString)), ("credited", .string(i.credited.decimalString)),
                ("refunded", .string(i.refunded.decimalString)), ("open", .string(i.open.decimalString)),
                ("status", .string(i.status(asOf: asOf).rawValue)), ("dueDate", .string(i.dueDate.text)),
            ]) }
            return id != nil && items.count == 1 ? JSONText.encode(items[0]) : JSONText.encode(.object([("invoices", .array(items))]))
        case .csv, .table:
            let header = ["invoice", "seller", "buyer", "currency", "total", "paid", "credited", "refunded", "open", "status", "due"]
            let cells = rows.map { [$0.invoiceId, $0.sellerId, $0.buyerId, $0.total.currency.code, $0.total.decimalString,
                                    $0.paid.decimalString, $0.credited.decimalString, $0.refunded.decimalString, $0.open.decimalString,
                                    $0.status(asOf: asOf).rawValue, $0.dueDate.text] }
            return format == .csv ? TextTable.csv(header, cells) : TextTable.render(header, cells, rightAligned: [4, 5, 6, 7, 8])
        }
    }

    public func subsidiesOutput(programId: String?, format: Format) throws -> String {
        let rows = try queries.subsidyPrograms(programId: programId)
        switch format {
        case .json:
            return JSONText.encode(.object([("programs", .array(rows.map { p in .object([
                ("programId", .string(p.programId)), ("currency", .string(p.budget.currency.code)),
                ("budget", .string(p.budget.decimalString)), ("granted", .string(p.granted.decimalString)),
                ("reversed", .string(p.reversed.decimalString)), ("remaining", .string(p.remaining.decimalString)),
                ("claimed", .string(p.claimed.decimalString)), ("funded", .string(p.funded.decimalString)), ("grants", .int(p.grants)),
            ]) }))]))
        case .csv, .table:
            let header = ["program", "currency", "budget", "granted", "reversed", "remaining", "claimed", "funded", "grants"]
            let cells = rows.map { [$0.programId, $0.budget.currency.code, $0.budget.decimalString, $0.granted.decimalString,
                                    $0.reversed.decimalString, $0.remaining.decimalString, $0.claimed.decimalString,
                                    $0.funded.decimalString, String($0.grants)] }
            return format == .csv ? TextTable.csv(header, cells) : TextTable.render(header, cells, rightAligned: [2, 3, 4, 5, 6, 7, 8])
        }
    }
}
