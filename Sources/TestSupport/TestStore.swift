import EventStore
import LibPQ

/// The event store of `ledger` in the test database at `url`, connected as the application role
/// (`SET ROLE tradeledger_app`), so the database enforces the log as it does for the CLI.
public func openStore(_ url: String, ledger: String = "main") throws -> EventStore {
    let c = try PGConnection(url)
    try c.executeScript("SET ROLE tradeledger_app")
    return EventStore(connection: c, ledgerId: ledger)
}
