import Foundation
import Money
import Projections
import TestSupport
import Testing
import TradeLedgerKit

/// `invoices` and `invoice` without `--as-of` list the invoices as of today, the database clock's
/// UTC day (`DatabaseClock.today`), never the machine's: on `InvoiceAsOfTests`' hand-checked cases.
@Suite("invoices: the default as-of from the database clock", .serialized)
struct InvoiceClockTests {
    /// "id status paid credited refunded open" per invoice of `invoices --json` output.
    static func rows(_ json: String) throws -> [String] {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], "\(json)")
        let rows = try #require(root["invoices"] as? [[String: Any]], "\(json)")
        return rows.map { r in
            ["invoiceId", "status", "paid", "credited", "refunded", "open"].map { r[$0] as? String ?? "?" }.joined(separator: " ")
        }
    }

    static func expected(_ day: String) throws -> [String] {
        try #require(InvoiceAsOfTests.expected.first { $0.0 == day }?.1, "no hand-checked rows for \(day)")
    }

    @Test("without --as-of, `invoices` and `invoice` list the invoices as of the database clock's UTC day, whatever the machine's clock says")
    func defaultAsOfIsTheDatabaseClocksDay() throws {
        try TestDatabase.with { url in
            _ = try InvoiceAsOfTests.prepared(url)
            // 06:30 on 05-16 in Hong Kong is 22:30 on 05-15 UTC: the ledger's days are UTC days,
            // so IC and IG (issued on the 16th) are not listed yet.
            try TestDatabase.pinClock(url, at: "2026-05-16T06:30:00+08:00")
            let service = ProjectionService(store: try openStore(url))
            let byDefault = try service.invoicesOutput(id: nil, status: nil, asOf: nil, format: .json)
            #expect(byDefault == (try service.invoicesOutput(id: nil, status: nil, asOf: try CalendarDay(parsing: "2026-05-15"), format: .json)))
            #expect(try Self.rows(byDefault) == (try Self.expected("2026-05-15")))
            let listed = try CLIProcess.run(["invoices", "--json", "--database-url", url])
            #expect(listed.status == 0, "\(listed.err)")
            #expect(try Self.rows(listed.out) == (try Self.expected("2026-05-15")))
            let ib = try CLIProcess.run(["invoice", "IB", "--json", "--database-url", url])
            #expect(ib.status == 0 && ib.out.contains(#""status":"refunded""#), "\(ib.out)\(ib.err)")
            let ic = try CLIProcess.run(["invoice", "IC", "--json", "--database-url", url])
            #expect(ic.status == 1 && ic.err.contains("no invoice IC as of 2026-05-15"), "\(ic.out)\(ic.err)")

            // Moved on past IB's due date, the default follows: IB is overdue.
            try TestDatabase.pinClock(url, at: "2026-05-21T12:00:00Z")
            let later = try CLIProcess.run(["invoices", "--json", "--database-url", url])
            #expect(later.status == 0, "\(later.err)")
            #expect(try Self.rows(later.out) == (try Self.expected("2026-05-21")))
            let overdue = try CLIProcess.run(["invoices", "--status", "overdue", "--json", "--database-url", url])
            #expect(try Self.rows(overdue.out) == ["IB overdue 40.00 0.00 40.00 60.00"], "\(overdue.err)")
        }
    }
}
