import ArgumentParser
import Foundation
import Money
import Projections
import TradeLedgerKit

struct OutputOptions: ParsableArguments {
    @Flag(help: "Print JSON (the fixed shape of ARCHITECTURE.md).") var json = false
    @Flag(help: "Print CSV.") var csv = false
    var format: ProjectionService.Format { json ? .json : (csv ? .csv : .table) }
}

struct ProjectionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "projections", abstract: "Build the read models from the log.", subcommands: [Run.self, Rebuild.self, Status.self])

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Catch every projection up with the log and exit (--follow: keep following).")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Keep following the log (polls with back-off; Ctrl-C stops).") var follow = false
        func run() throws {
            let config = try global.config()
            try runApp {
                let service = ProjectionService(store: try config.openStore())
                if follow {
                    try service.follow(shouldStop: { false }) { applied in
                        printOut(applied.filter { $0.1 > 0 }.map { "\($0.0.rawValue) +\($0.1)" }.joined(separator: ", "))
                    }
                } else {
                    for (p, n) in try service.runOnce() { printOut("\(p.rawValue): applied \(n) events") }
                }
            }
        }
    }

    struct Rebuild: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild blue/green from seq 0 while the live tables keep answering; compare fingerprints, then switch in one transaction.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Projections to rebuild (default: all): balances, invoices, subsidies.") var names: [String] = []
        @Flag(help: "Switch even when the rebuilt state differs from the live one (after a projection code fix).") var force = false
        func run() throws {
            let config = try global.config()
            try runApp {
                let store = try config.openStore()
                let interactive = isatty(2) == 1
                let projections = try ProjectionService.parseNames(names)
                let start = Clock.monotonicSeconds()
                let head = try store.head().seq
                let reports = try ProjectionRebuilder(store: store).rebuild(projections, force: force) { seq, events in
                    if interactive {
                        let rate = Double(events) / max(Clock.monotonicSeconds() - start, 0.001)
                        let eta = rate > 0 ? Int(Double(head - seq) / rate) : 0
                        FileHandle.standardError.write(Data("\rrebuilding: seq \(seq)/\(head), \(Int(rate)) events/s, ETA \(eta)s   ".utf8))
                    }
                    return true
                }
                if interactive { FileHandle.standardError.write(Data("\n".utf8)) }
                let rate = Int(Double(reports[0].events) / max(Clock.monotonicSeconds() - start, 0.001))
                printOut("rebuilt \(projections.map(\.rawValue).joined(separator: ", ")) from \(reports[0].events) events in one pass (\(rate) events/s)")
                for r in reports {
                    let compared = r.comparedAtSeq == r.seq ? "" : " (compared at seq \(r.comparedAtSeq))"
                    printOut("  \(r.projection.rawValue): seq \(r.seq)\(r.resumed ? ", resumed" : ""); fingerprint \(r.fingerprint.prefix(16))… \(r.fingerprint == r.previousFingerprint ? "matches the live one" : "replaces \(r.previousFingerprint.prefix(16))… (forced)")\(compared); switched")
                }
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Per projection: checkpoint seq, ledger head seq, lag, last update.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        func run() throws {
            let config = try global.config()
            let rows = try runApp { try ProjectionRunner(store: try config.openStore()).status() }
            let cells = rows.map { [$0.projection.rawValue, String($0.checkpointSeq), String($0.headSeq), String($0.lag),
                                    $0.updatedAt.map { Timestamp(microsecondsSinceEpoch: $0.microsecondsSinceUnixEpoch).rfc3339 } ?? "never",
                                    $0.rebuildingToSeq.map { "rebuilding (at \($0))" } ?? ""] }
            switch output.format {
            case .json:
                printOut(JSONText.encode(.object([("projections", .array(rows.map { s in .object([
                    ("projection", .string(s.projection.rawValue)), ("checkpointSeq", .int(s.checkpointSeq)), ("headSeq", .int(s.headSeq)),
                    ("lag", .int(s.lag)), ("updatedAt", s.updatedAt.map { .string(Timestamp(microsecondsSinceEpoch: $0.microsecondsSinceUnixEpoch).rfc3339) } ?? .null),
                ]) }))])))
            case .csv: printOut(TextTable.csv(["projection", "checkpoint", "head", "lag", "updated", "note"], cells))
            case .table: printOut(TextTable.render(["projection", "checkpoint", "head", "lag", "updated", "note"], cells, rightAligned: [1, 2, 3]))
            }
        }
    }
}

struct Balances: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Balances per account and currency (debits − credits), optionally as of a business time.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Only accounts starting with this path, e.g. merchant/M1/.") var account: String?
    @Option(help: "RFC 3339 business time, e.g. 2026-05-15T23:59:59Z.") var asOf: String?
    func run() throws {
        let config = try global.config()
        let asOfTime: Timestamp? = try asOf.map { s in
            do { return try Timestamp(rfc3339: s) } catch { throw ValidationError("--as-of \"\(s)\": expected an RFC 3339 time with offset (\(error))") }
        }
        let text = try runApp {
            try ProjectionService(store: try config.openStore()).balancesOutput(prefix: account, asOf: asOfTime, format: output.format, now: Clock.now())
        }
        printOut(text)
    }
}

struct TrialBalance: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "trial-balance", abstract: "Debits, credits and net per currency (net is zero in a sound ledger).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    func run() throws {
        let config = try global.config()
        printOut(try runApp { try ProjectionService(store: try config.openStore()).trialBalanceOutput(format: output.format) })
    }
}

func parseDay(_ s: String?, option: String) throws -> CalendarDay {
    guard let s else { return Clock.today() }
    do { return try CalendarDay(parsing: s) } catch { throw ValidationError("\(option) \"\(s)\": expected YYYY-MM-DD") }
}

struct Invoices: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Invoices as they stood at the end of a day (UTC): amounts and status.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "issued, partially_paid, paid, overdue, credited or refunded.") var status: String?
    @Option(help: "YYYY-MM-DD: amounts and status as of the end of that day, UTC; invoices issued later are not listed (default: today).") var asOf: String?
    func run() throws {
        let config = try global.config()
        let st: InvoiceStatus? = try status.map { s in
            guard let v = InvoiceStatus(rawValue: s) else { throw ValidationError("--status \(s): expected one of \(InvoiceStatus.allCases.map(\.rawValue).joined(separator: ", "))") }
            return v
        }
        let day = try parseDay(asOf, option: "--as-of")
        printOut(try runApp { try ProjectionService(store: try config.openStore()).invoicesOutput(id: nil, status: st, asOf: day, format: output.format) })
    }
}

struct InvoiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "invoice", abstract: "One invoice, as it stood at the end of a day (UTC).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument var id: String
    @Option(help: "YYYY-MM-DD: amounts and status as of the end of that day, UTC (default: today).") var asOf: String?
    func run() throws {
        let config = try global.config()
        let day = try parseDay(asOf, option: "--as-of")
        printOut(try runApp { try ProjectionService(store: try config.openStore()).invoicesOutput(id: id, status: nil, asOf: day, format: output.format) })
    }
}

struct Subsidies: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Budget, granted, reversed, remaining, claimed, funded per programme.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Only this programme.") var program: String?
    func run() throws {
        let config = try global.config()
        printOut(try runApp { try ProjectionService(store: try config.openStore()).subsidiesOutput(programId: program, format: output.format) })
    }
}
