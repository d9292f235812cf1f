import Money

/// A reconciliation exception as folded from its stream.
public struct ExceptionState: Sendable, Hashable {
    public let raised: ReconciliationExceptionRaised
    public internal(set) var resolution: ReconciliationExceptionResolved?

    public var exceptionId: String { raised.exceptionId }
    public var isResolved: Bool { resolution != nil }
    /// Signed minor units parked in recon/suspense, per currency.
    public var suspense: [Currency: Int64] { raised.suspense }
}
