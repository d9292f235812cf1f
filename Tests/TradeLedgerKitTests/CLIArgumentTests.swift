import Foundation
import LibPQ
import TestSupport
import Testing
import TradeLedgerKit

/// How the binary takes its arguments: global options in any position, output formats that
/// exclude each other, values parsed by their cases.
@Suite("CLI arguments") struct CLIArgumentTests {
    static let unreachable = "postgresql:///x?host=/nonexistent-tl&port=5999"

    @Test("--database-url goes before the subcommand, between subcommand names or after it")
    func databaseURLIsAcceptedInAnyPosition() throws {
        for args in [["--database-url", Self.unreachable, "balances"], ["balances", "--database-url", Self.unreachable],
                     ["--database-url=" + Self.unreachable, "projections", "status"],
                     ["projections", "--database-url", Self.unreachable, "status", "--json"],
                     ["--ledger", "L2", "projections", "status", "--database-url", Self.unreachable]] {
            let r = try CLIProcess.run(args)
            #expect(r.status == 3 && r.err.contains("/nonexistent-tl"), "\(args): \(r.status) \(r.err)")
        }
    }

    @Test("--ledger before the subcommand selects the same ledger as after it; a later one wins")
    func ledgerSelectsTheSameLedgerInAnyPositionAndTheLastWins() throws {
        try TestDatabase.with { url in
            let path = SubmitProcessTests.write([
                Cmd.party("M1", seller: true, country: "CN", n: "s1"), Cmd.party("B1", seller: false, country: "HK", n: "s2"),
                Cmd.invoice("I1", price: "10.00", at: "2026-05-15T01:00:00Z", n: "i1"),
            ])
            defer { try? FileManager.default.removeItem(atPath: path) }
            let submitted = try CLIProcess.run(["--ledger", "L2", "--database-url", url, "submit", path])
            #expect(submitted.status == 0, "\(submitted.err)")
            let caughtUp = try CLIProcess.run(["projections", "--ledger=L2", "run", "--database-url", url])
            #expect(caughtUp.status == 0 && caughtUp.out.contains("invoices: applied"), "\(caughtUp.out)\(caughtUp.err)")
            let before = try CLIProcess.run(["--ledger", "L2", "--database-url", url, "invoice", "I1", "--as-of", "2026-05-20", "--json"])
            let after = try CLIProcess.run(["invoice", "I1", "--as-of", "2026-05-20", "--json", "--database-url", url, "--ledger", "L2"])
            #expect(before.status == 0 && before.out.contains(#""invoiceId":"I1""#), "\(before.out)\(before.err)")
            #expect(after.status == 0 && after.out == before.out, "\(after.out)\(after.err)")
            let main = try CLIProcess.run(["invoice", "I1", "--as-of", "2026-05-20", "--database-url", url])
            #expect(main.status == 1 && main.err.contains("no invoice I1"), "\(main.err)")
            let later = try CLIProcess.run(["--ledger", "L2", "invoice", "I1", "--as-of", "2026-05-20", "--database-url", url, "--ledger", "main"])
            #expect(later.status == 1 && later.err.contains("no invoice I1"), "\(later.status) \(later.err)")
        }
    }

    @Test("--json with --csv is refused (exit 2) by every command that has both, before touching the database")
    func jsonAndCSVExcludeEachOther() throws {
        for command in [["balances"], ["trial-balance"], ["invoices"], ["invoice", "I1"], ["subsidies"], ["projections", "status"], ["exceptions"]] {
            let r = try CLIProcess.run(command + ["--json", "--csv", "--database-url", Self.unreachable])
            #expect(r.status == 2, "\(command): \(r.err)")
            #expect(r.err.contains("--json and --csv exclude each other"), "\(command): \(r.err)")
            #expect(!r.err.contains("/nonexistent-tl"), "\(command): \(r.err)")
        }
        let csv = try CLIProcess.run(["balances", "--csv", "--csv", "--database-url", Self.unreachable])
        #expect(csv.status == 3, "\(csv.err)")
    }

    @Test("an invoice status or projection name that is not one of the cases exits 2 naming every valid value")
    func enumValuesNamedOnRefusal() throws {
        let status = try CLIProcess.run(["invoices", "--status", "sleeping", "--database-url", Self.unreachable])
        #expect(status.status == 2, "\(status.err)")
        for value in ["issued", "partially_paid", "paid", "overdue", "credited", "refunded"] {
            #expect(status.err.contains("  - \(value)\n"), "\(value): \(status.err)")
        }
        let name = try CLIProcess.run(["projections", "rebuild", "balances", "nope", "--database-url", Self.unreachable])
        #expect(name.status == 2, "\(name.err)")
        #expect(name.err.contains("The value 'nope' is invalid for '<names>'. Please provide one of 'balances', 'invoices' or 'subsidies'."),
                "\(name.err)")
        let known = try CLIProcess.run(["invoices", "--status", "partially_paid", "--database-url", Self.unreachable])
        #expect(known.status == 3, "\(known.err)")
    }

    @Test("a refused value of 108 KB comes back whole on stderr, and CLIProcess.run returns with it (no pipe-buffer deadlock)")
    func stderrWellOverAPipeBufferIsReadWhole() throws {
        // ArgumentParser quotes the refused value in its usage error, so stderr gets more than
        // the ~64 KB a pipe buffers while stdout stays open and empty: reading stdout to its end
        // before stderr would leave both processes waiting on each other (until CLIProcess's
        // watchdog kills the child, and this fails naming it).
        let value = String(repeating: "sleeping-", count: 12_000)
        let r = try CLIProcess.run(["invoices", "--status", value, "--database-url", Self.unreachable])
        #expect(r.status == 2)
        #expect(r.err.utf8.count > 108_000, "\(r.err.utf8.count) bytes on stderr")
        #expect(r.err.contains("The value '\(value)' is invalid for '--status <status>'"), "\(r.err.prefix(200))")
        #expect(r.out.isEmpty, "\(r.out.prefix(200))")
    }

    @Test("CLIProcess's watchdog kills a child that never ends, and the wait fails saying so instead of hanging the run")
    func watchdogKillsAChildThatNeverEnds() throws {
        try TestDatabase.with { url in
            // `projections run --follow` follows the log until it is stopped: it never ends by itself.
            let running = try CLIProcess.start(["projections", "run", "--follow", "--database-url", url], watchdogSeconds: 1)
            let killed = try #require(throws: CLIProcess.WatchdogKill.self) { try running.wait() }
            #expect(killed.description.contains("`tradeledger projections run --follow --database-url \(url)` was killed by CLIProcess's watchdog after 1 s"),
                    "\(killed)")
        }
        #expect(CLIProcess.watchdogSecondsDefault >= 300, "a hang guard, far beyond any child's run")
    }

    @Test("a global option before a subcommand that takes none is refused as an unknown option")
    func globalOptionBeforeASubcommandWithoutOptionsIsRefused() throws {
        let r = try CLIProcess.run(["--ledger", "L2", "visa", "inspect", "/nonexistent-tl.txt"])
        #expect(r.status == 2 && r.err.contains("Unknown option '--ledger'"), "\(r.err)")
    }

    @Test("--help leaves the developer hooks out of its subcommand list and points at `dev --help`, which lists them")
    func developerHooksAreFoundFromHelp() throws {
        let root = try CLIProcess.run(["--help"])
        #expect(root.status == 0 && root.out.contains("tradeledger dev --help"), "\(root.out)")
        #expect(!root.out.contains("bench-row"), "\(root.out)")
        let dev = try CLIProcess.run(["dev", "--help"])
        for hook in ["append-synthetic", "bench-row", "visa-sample"] { #expect(dev.out.contains(hook), "\(dev.out)") }
    }

    @Test("`projections run --help` states its exit codes, 4 for a projection that cannot fold the log")
    func projectionsRunHelpStatesItsExitCodes() throws {
        let help = try CLIProcess.run(["projections", "run", "--help"])
        // ArgumentParser wraps the discussion to the width of a terminal.
        let text = help.out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.status == 0, "\(help.err)")
        #expect(text.contains("Exit 0 when every projection has caught up"), "\(help.out)")
        #expect(text.contains("4 when a projection cannot fold the log"), "\(help.out)")
    }

    @Test("the tradeledger target imports ArgumentParser, TradeLedgerKit and Foundation only")
    func cliImportsOnlyTheKit() throws {
        let directory = TestDatabase.checkoutRoot + "/Sources/tradeledger"
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".swift") }
        #expect(files.count > 10)
        for file in files {
            let text = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
            // `import M`, `@attribute import M`, `import struct M.T`: the module M.
            let imports = text.split(separator: "\n").compactMap { line -> String? in
                let words = line.split(separator: " ").drop { $0.hasPrefix("@") }
                guard words.first == "import", let last = words.last else { return nil }
                return String(last.split(separator: ".")[0])
            }
            #expect(Set(imports).isSubset(of: ["ArgumentParser", "TradeLedgerKit", "Foundation"]), "\(file): \(imports)")
        }
    }
}
