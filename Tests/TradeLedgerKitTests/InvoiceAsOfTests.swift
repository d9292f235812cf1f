import EventStore
import Foundation
import LibPQ
import Money
import Projections
import TestSupport
import Testing
import TradeLedgerKit

/// `invoices --as-of DATE`: each invoice as it stood at the end of DATE (UTC, business time),
/// amounts and status, on hand-checked cases. Every invoice is due 2026-05-20 unless noted.
@Suite("Invoices as of a date") struct InvoiceAsOfTests {
    static let commands = Cmd.setup + [
        // IA: 30.00 by bank on the 12th, the other 70.00 by card in the last second of the 18th.
        Cmd.invoice("IA", price: "100.00", due: "2026-05-20", at: "2026-05-10T09:00:00Z", n: "ia"),
        // IB: 40.00 by card on the 11th, refunded on the 15th; 60.00 never paid.
        Cmd.invoice("IB", price: "100.00", due: "2026-05-20", at: "2026-05-10T09:00:00Z", n: "ib"),
        // ID: credited in full at the first instant of the 19th.
        Cmd.invoice("ID", price: "100.00", due: "2026-05-20", at: "2026-05-10T09:00:00Z", n: "id"),
        // IE: paid in full on the 12th, refunded in full on the 14th.
        Cmd.invoice("IE", price: "100.00", due: "2026-05-20", at: "2026-05-10T09:00:00Z", n: "ie"),
        // IF: recorded on the 12th with an issue date of the 20th.
        Cmd.invoice("IF", price: "10.00", issued: "2026-05-20", due: "2026-05-31", at: "2026-05-12T09:00:00Z", n: "if"),
        // IC: issued on the 16th; IG: issue date the 10th, recorded on the 16th.
        Cmd.invoice("IC", price: "50.00", issued: "2026-05-16", due: "2026-05-31", at: "2026-05-16T08:00:00Z", n: "ic"),
        Cmd.invoice("IG", price: "10.00", due: "2026-05-31", at: "2026-05-16T09:00:00Z", n: "ig"),
        Cmd.capture("PB", invoice: "IB", amount: "40.00", at: "2026-05-11T12:00:00Z", n: "pb"),
        Cmd.transfer("TA", invoice: "IA", amount: "30.00", at: "2026-05-12T10:00:00Z", n: "ta"),
        Cmd.capture("PE", invoice: "IE", amount: "100.00", at: "2026-05-12T08:00:00Z", n: "pe"),
        Cmd.refund("RE", payment: "PE", amount: "100.00", at: "2026-05-14T08:00:00Z", n: "re"),
        Cmd.refund("RB", payment: "PB", amount: "40.00", at: "2026-05-15T12:00:00Z", n: "rb"),
        Cmd.capture("PA", invoice: "IA", amount: "70.00", at: "2026-05-18T23:59:59Z", n: "pa"),
        Cmd.credit("CD", invoice: "ID", amount: "100.00", at: "2026-05-19T00:00:00Z", n: "cd"),
    ]

    /// "id status paid credited refunded open" per invoice listed, by hand.
    static let expected: [(String, [String])] = {
        let iaOpen = "IA partially_paid 30.00 0.00 0.00 70.00", iaPaid = "IA paid 100.00 0.00 0.00 0.00"
        let ibPart = "IB partially_paid 40.00 0.00 0.00 60.00", ibRefunded = "IB refunded 40.00 0.00 40.00 60.00"
        let ic = "IC issued 0.00 0.00 0.00 50.00", idIssued = "ID issued 0.00 0.00 0.00 100.00"
        let idCredited = "ID credited 0.00 100.00 0.00 0.00", ieRefunded = "IE refunded 100.00 0.00 100.00 0.00"
        let ifIssued = "IF issued 0.00 0.00 0.00 10.00", ig = "IG issued 0.00 0.00 0.00 10.00"
        return [
            ("2026-05-09", []),
            ("2026-05-11", ["IA issued 0.00 0.00 0.00 100.00", ibPart, idIssued, "IE issued 0.00 0.00 0.00 100.00"]),
            ("2026-05-12", [iaOpen, ibPart, idIssued, "IE paid 100.00 0.00 0.00 0.00"]),
            ("2026-05-15", [iaOpen, ibRefunded, idIssued, ieRefunded]),
            ("2026-05-16", [iaOpen, ibRefunded, ic, idIssued, ieRefunded, ig]),
            ("2026-05-18", [iaPaid, ibRefunded, ic, idIssued, ieRefunded, ig]),
            ("2026-05-19", [iaPaid, ibRefunded, ic, idCredited, ieRefunded, ig]),
            ("2026-05-20", [iaPaid, ibRefunded, ic, idCredited, ieRefunded, ifIssued, ig]),
            // Past due: IB still owes the 60.00 it never paid (its refunded 40.00 does not hide
            // that); IE owes nothing, so it stays refunded.
            ("2026-05-21", [iaPaid, "IB overdue 40.00 0.00 40.00 60.00", ic, idCredited, ieRefunded, ifIssued, ig]),
        ]
    }()

    static func prepared(_ url: String) throws -> ProjectionService {
        let results = try submit(url, commands.joined(separator: "\n"))
        #expect(results.allSatisfy { $0.status == .accepted }, "\(results.compactMap(\.error))")
        let service = ProjectionService(store: try openStore(url))
        _ = try service.runOnce()
        return service
    }

    static func listed(_ service: ProjectionService, _ day: String, status: InvoiceStatus? = nil) throws -> [String] {
        let json = try service.invoicesOutput(id: nil, status: status, asOf: try CalendarDay(parsing: day), format: .json)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let rows = try #require(root["invoices"] as? [[String: Any]])
        return rows.map { r in
            ["invoiceId", "status", "paid", "credited", "refunded", "open"].map { r[$0] as? String ?? "?" }.joined(separator: " ")
        }
    }

    @Test("amounts and status as they stood at the end of each day; invoices not yet issued are not listed")
    func handChecked() throws {
        try TestDatabase.with { url in
            let service = try Self.prepared(url)
            for (day, rows) in Self.expected {
                #expect(try Self.listed(service, day) == rows, "as of \(day)")
            }
        }
    }

    @Test("--status filters on the status as of the date; one invoice before it was issued is not found")
    func statusFilterAndSingleInvoice() throws {
        try TestDatabase.with { url in
            let service = try Self.prepared(url)
            #expect(try Self.listed(service, "2026-05-21", status: .overdue) == ["IB overdue 40.00 0.00 40.00 60.00"])
            #expect(try Self.listed(service, "2026-05-15", status: .refunded).map { String($0.prefix(2)) } == ["IB", "IE"])
            #expect(try Self.listed(service, "2026-05-12", status: .paid) == ["IE paid 100.00 0.00 0.00 0.00"])
            let ib = try service.invoicesOutput(id: "IB", status: nil, asOf: try CalendarDay(parsing: "2026-05-11"), format: .json)
            #expect(ib.contains(#""paid":"40.00""#) && ib.contains(#""status":"partially_paid""#), "\(ib)")
            #expect(throws: AppError.self) {
                try service.invoicesOutput(id: "IC", status: nil, asOf: try CalendarDay(parsing: "2026-05-15"), format: .json)
            }
        }
    }

    @Test("the as-of history survives a rebuild and agrees with the invoice rows")
    func historyRebuilds() throws {
        try TestDatabase.with { url in
            let service = try Self.prepared(url)
            let r = try ProjectionRebuilder(store: service.store).rebuild(.invoices)
            #expect(r.switched && r.fingerprint == r.previousFingerprint)
            _ = try ProjectionVerifier(store: service.store).run()
            // The old generation's journal went with its rows.
            let generations = try service.store.connection.execute("SELECT count(DISTINCT generation) FROM proj.invoice_journal").int64(0, 0)
            #expect(generations == 1)
            for (day, rows) in Self.expected {
                #expect(try Self.listed(service, day) == rows, "as of \(day)")
            }
        }
    }
}

@Suite("Invoices journal") struct InvoiceJournalTests {
    @Test("verify names the invoices projection when its journal disagrees with the invoice rows")
    func verifyChecksTheJournal() throws {
        try TestDatabase.with { url in
            let service = try InvoiceAsOfTests.prepared(url)
            _ = try ProjectionVerifier(store: service.store).run()
            try service.store.connection.execute("UPDATE proj.invoice_journal SET paid_minor = paid_minor + 1 WHERE invoice_id = 'IB' AND paid_minor > 0")
            do {
                _ = try ProjectionVerifier(store: service.store).run()
                Issue.record("verify passed over an edited journal")
            } catch let e as ProjectionError {
                #expect(e.projection == .invoices && e.description.contains("IB"), "\(e)")
            }
        }
    }

    @Test("migration 009 empties the invoices projection of a ledger projected before it; the next run replays it whole")
    func migrationReplaysInvoices() throws {
        try TestDatabase.withEmpty { url in
            let c = try PGConnection(url)
            let all = try Migrator(directory: TestDatabase.schemaDirectory)
            // Up to 008, plus 014 (it replaces the bulk-append functions this build's submit calls)
            // and 016 (the balances journal this build writes).
            try Migrator(migrations: all.migrations.filter { $0.version <= 8 || $0.version == 14 || $0.version == 16 }).migrate(c)
            try submit(url, InvoiceAsOfTests.commands.joined(separator: "\n"))
            let store = try openStore(url)
            try ProjectionRunner(store: store).catchUp([.balances, .subsidies])
            // What 008's runner left for invoices: rows, a generation and a checkpoint at the head.
            let head = try store.head()
            try c.execute("INSERT INTO proj.generations (ledger_id, projection, generation) VALUES ('main', 'invoices', 999)")
            try c.execute("""
                INSERT INTO proj.invoices (ledger_id, generation, invoice_id, seller_id, buyer_id, currency, total_minor, issue_date, due_date)
                VALUES ('main', 999, 'IA', 'M1', 'B1', 'HKD', 10000, '2026-05-10', '2026-05-20')
                """)
            try c.execute("INSERT INTO ledger.checkpoints (ledger_id, projection, last_seq, last_hash) VALUES ('main', 'invoices', $1, $2)",
                          [.int8(head.seq), .bytea(head.hash)])
            try all.migrate(c)
            #expect(try c.execute("SELECT count(*) FROM proj.invoices").int64(0, 0) == 0)
            let status = try ProjectionRunner(store: store).status()
            #expect(status.map(\.checkpointSeq) == [head.seq, 0, head.seq])  // balances, invoices, subsidies
            let service = ProjectionService(store: try openStore(url))
            #expect(try service.runOnce().map(\.1) == [0, Int(head.seq), 0])
            _ = try ProjectionVerifier(store: service.store).run()
            for (day, rows) in InvoiceAsOfTests.expected {
                #expect(try InvoiceAsOfTests.listed(service, day) == rows, "as of \(day)")
            }
        }
    }
}
