import Foundation
import Money
import Reconciliation
import TestSupport
import Testing
import TradeLedgerKit
import VisaSettlement

/// What `exceptions --kind`, `--older-than` and `reconcile --exceptions-csv` list, over two files.
@Suite("reconcile: listing exceptions", .serialized)
struct ReconcileListingTests {
    /// The scenario file on 05-15 (8 exceptions, MIF-C-PAY7 among them), then on 05-16 a file that
    /// presents PAY1 again: its duplicate, and PAY6, PAY8, PAY9 swept as missing_in_file.
    static func twoFiles(_ url: String) throws -> (first: String, second: String, secondRecord: Int) {
        try ReconcileTests.ledger(url)
        let (path, _) = ReconcileTests.scenarioFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first = try Recon.reconcile(url, path).report.fileId
        let next = Recon.file([.draft(Recon.draft(.purchase, arnN: 1, source: (10_000, .hkd)))], date: VisaDate(year: 2026, month: 5, day: 16))
        defer { try? FileManager.default.removeItem(atPath: next.path) }
        let second = try Recon.reconcile(url, next.path).report
        #expect(second.outcomes[.duplicatePresentment] == 1 && second.outcomes[.missingInFile] == 3)
        return (first, second.fileId, next.records[0])
    }

    static func ids(_ csv: String) -> Set<String> {
        Set(csv.split(separator: "\n").dropFirst().map { String($0.split(separator: ",", maxSplits: 1)[0]) })
    }

    @Test("--exceptions-csv lists only the exceptions this file's import raised, not missing_in_file swept by an earlier file")
    func csvOfOneFile() throws {
        try TestDatabase.with { url in
            let (first, second, record) = try Self.twoFiles(url)
            let service = ExceptionService(store: try openStore(url))
            let secondIds = Self.ids(try service.csv(fileId: second))
            #expect(secondIds == ["\(ExceptionSpec.Id.fileTag(second))-\(record)", "MIF-C-PAY6", "MIF-C-PAY8", "MIF-C-PAY9"])
            let firstIds = Self.ids(try service.csv(fileId: first))
            #expect(firstIds.count == 8 && firstIds.contains("MIF-C-PAY7") && !firstIds.contains("MIF-C-PAY6"))
        }
    }

    @Test("--kind lists one kind; --older-than lists exceptions older than DAYS on the day asked")
    func kindAndAge() throws {
        try TestDatabase.with { url in
            _ = try Self.twoFiles(url)
            let service = ExceptionService(store: try openStore(url))
            let missing = try service.list(.init(kind: "missing_in_file"))
            #expect(Set(missing.map(\.exceptionId)) == ["MIF-C-PAY6", "MIF-C-PAY7", "MIF-C-PAY8", "MIF-C-PAY9"])
            #expect(try service.list(.init(kind: "no_such_kind")).isEmpty)
            let today = try CalendarDay(parsing: "2026-05-20")
            let all = try service.list(.init(), today: today)
            #expect(all.count == 12)
            #expect(Set(all.map(\.ageDays)) == [5, 4])  // opened 05-15 and 05-16
            let olderThan4 = try service.list(.init(olderThanDays: 4), today: today)
            #expect(olderThan4.count == 8 && olderThan4.allSatisfy { $0.openedOn.text == "2026-05-15" })
            #expect(try service.list(.init(olderThanDays: 5), today: today).isEmpty)
            let both = try service.list(.init(kind: "missing_in_file", olderThanDays: 4), today: today)
            #expect(both.map(\.exceptionId) == ["MIF-C-PAY7"])
        }
    }

    @Test("an exception's age and --older-than count from the database clock's UTC day, in the service and in `exceptions`, not from the machine's clock")
    func ageFollowsTheDatabaseClock() throws {
        try TestDatabase.with { url in
            _ = try Self.twoFiles(url)
            // 06:30 on 05-21 in Hong Kong is 22:30 on 05-20 UTC: the ledger's days are UTC days.
            try TestDatabase.pinClock(url, at: "2026-05-21T06:30:00+08:00")
            let service = ExceptionService(store: try openStore(url))
            #expect(try DatabaseClock.now(service.store.connection) == Timestamp(rfc3339: "2026-05-20T22:30:00Z"))
            let all = try service.list(.init())
            #expect(all.count == 12 && Set(all.map(\.ageDays)) == [5, 4], "\(Set(all.map(\.ageDays)))")  // opened 05-15 and 05-16
            #expect(try service.list(.init(olderThanDays: 4)).count == 8)

            let cli = try CLIProcess.run(["exceptions", "--older-than", "4", "--json", "--database-url", url])
            #expect(cli.status == 0, "\(cli.err)")
            #expect(cli.out.components(separatedBy: #""ageDays":"#).count - 1 == 8, "\(cli.out.prefix(400))")
            #expect(cli.out.components(separatedBy: #""ageDays":5,"#).count - 1 == 8, "\(cli.out.prefix(400))")

            // Moved on again, the ages follow: no machine clock shows both days.
            try TestDatabase.pinClock(url, at: "2030-12-31T12:00:00Z")
            let later = try ExceptionService(store: try openStore(url)).list(.init(olderThanDays: 4))
            let day = { (text: String) in try CalendarDay(parsing: text).daysSinceEpoch }
            #expect(later.count == 12)
            #expect(Set(later.map(\.ageDays)) == [try day("2030-12-31") - day("2026-05-15"), try day("2030-12-31") - day("2026-05-16")])
            let laterCLI = try CLIProcess.run(["exceptions", "--older-than", "4", "--json", "--database-url", url])
            #expect(laterCLI.status == 0 && laterCLI.out.components(separatedBy: #""ageDays":"#).count - 1 == 12, "\(laterCLI.err)")
        }
    }
}
