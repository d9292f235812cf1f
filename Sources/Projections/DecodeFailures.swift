import Foundation
import LedgerDomain

/// Per-chunk failures of a parallel decode (`PageApplier.decodePage`): the error of each chunk
/// that failed, set from the decoding threads.
final class DecodeFailures: @unchecked Sendable {
    private var errors: [(any Error)?]
    private let lock = NSLock()
    init(count: Int) { errors = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ error: any Error) { lock.lock(); errors[i] = error; lock.unlock() }
    /// The failed chunks' errors, by chunk.
    var all: [(any Error)?] { lock.lock(); defer { lock.unlock() }; return errors }
}
