import EventStore
import LibPQ
import Projections

/// `tradeledger verify`: the hash chain and contiguity from seq 1, then the trial balance (zero
/// per currency, in a replay of the log and in the stored balances), the journal against the
/// running balances, and each projection against a replay into memory at its checkpoint.
/// Any failure is `AppError.verificationFailed` (exit 4) naming the first bad seq or projection.
public struct VerifyService {
    public let config: DatabaseConfig
    public init(config: DatabaseConfig) { self.config = config }

    public struct Report: Sendable {
        public var chain: ChainVerifier.Report
        public var projections: ProjectionVerifier.Report
    }

    public func run(progress: (Int64) -> Void = { _ in }) throws -> Report {
        let store = try config.openStore()
        do {
            let chain = try ChainVerifier(store: store).run(progress: progress)
            let projections = try ProjectionVerifier(store: store).run()
            return Report(chain: chain, projections: projections)
        } catch let e as EventStoreError {
            throw AppError.verificationFailed(e.description)
        } catch let e as ProjectionError {
            throw AppError.verificationFailed(e.description)
        }
    }
}
