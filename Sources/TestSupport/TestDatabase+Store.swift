import EventStore
import LibPQ

extension TestDatabase {
    /// A store on `url` as the application role (`tradeledger_app`), as the CLI opens it.
    public static func openStore(_ url: String, ledger: String = "main") throws -> EventStore {
        let c = try PGConnection(url)
        try c.executeScript("SET ROLE tradeledger_app")
        return EventStore(connection: c, ledgerId: ledger)
    }
}
