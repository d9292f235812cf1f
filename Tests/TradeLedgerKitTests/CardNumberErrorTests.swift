import Foundation
import LedgerDomain
import LibPQ
import TestSupport
import Testing
import TradeLedgerKit

/// Operators read errors on stderr (`tradeledger: …`, through `CommandFailure`); a card number that
/// reached the server (a database name, a parameter) or an argument must never come back there.
@Suite("Card numbers in errors") struct CardNumberErrorTests {
    @Test("a database named like a card number: the CLI exits 3 and stderr names the failure without the number")
    func cliConnectingToADatabaseNamedLikeACardNumberNeverPrintsIt() throws {
        _ = TestDatabase.baseURL
        for card in ["4111111111111111", "4111-1111-1111-1111"] {
            let r = try CLIProcess.run(["balances", "--database-url", TestDatabase.url(database: card)])
            #expect(r.status == 3, "\(r.err)")
            #expect(r.err.contains("does not exist"), "\(r.err)")
            #expect(!PANDetector.containsCardNumber(r.err), "\(r.err)")
            #expect(!r.err.contains("4111"), "\(r.err)")
        }
    }

    @Test("a card number given as an argument is not echoed in the usage error")
    func cardNumberArgumentIsNotEchoed() throws {
        let url = TestDatabase.url(database: "x")
        for (args, option) in [(["settle", "--date", "4111111111111111"], "--date"), (["invoices", "--as-of", "4111 1111 1111 1111"], "--as-of")] {
            let r = try CLIProcess.run(args + ["--database-url", url])
            #expect(r.status == 2, "\(r.err)")
            #expect(r.err.contains(option), "\(r.err)")
            #expect(!PANDetector.containsCardNumber(r.err), "\(r.err)")
        }
    }

    @Test("a statement error quoting a card-number parameter reaches the operator (CommandFailure) without it")
    func statementErrorThroughCommandFailureShowsNoCardNumber() throws {
        try TestDatabase.with { url in
            let c = try PGConnection(url)
            for card in ["4111111111111111", "4111 1111 1111 1111", "５５５５５５５５５５５５４４４４"] {
                do {
                    _ = try c.execute("SELECT exception_id FROM recon.exceptions WHERE exception_id::text = $1::uuid::text", [.text(card)])
                    Issue.record("expected uuid to refuse the text")
                } catch {
                    for failure in [CommandFailure(error), CommandFailure(AppError.database(error))] {
                        #expect(failure.message.contains("22P02"), "\(failure.message)")
                        #expect(failure.message.contains("invalid input syntax for type uuid"), "\(failure.message)")
                        #expect(!PANDetector.containsCardNumber(failure.message), "\(failure.message)")
                    }
                }
            }
        }
    }
}
