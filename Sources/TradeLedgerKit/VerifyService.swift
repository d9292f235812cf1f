import EventStore
import LibPQ

/// `tradeledger verify`: the hash chain and contiguity (more checks join as projections land).
public struct VerifyService {
    public let config: DatabaseConfig
    public init(config: DatabaseConfig) { self.config = config }

    public func run(progress: (Int64) -> Void = { _ in }) throws -> ChainVerifier.Report {
        let store = EventStore(connection: try config.connectAsApplication(), ledgerId: config.ledgerId)
        do { return try ChainVerifier(store: store).run(progress: progress) } catch let e as EventStoreError {
            throw AppError.verificationFailed(e.description)
        }
    }
}
