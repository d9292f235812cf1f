import Foundation
import LedgerDomain

/// Per-chunk results of a parallel decode (`PageApplier.decodePage`).
final class DecodeSlots: @unchecked Sendable {
    private var slots: [Result<[DomainEvent], any Error>?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: Result<[DomainEvent], any Error>) { lock.lock(); slots[i] = r; lock.unlock() }
    func get(_ i: Int) -> Result<[DomainEvent], any Error> { lock.lock(); defer { lock.unlock() }; return slots[i]! }
}
