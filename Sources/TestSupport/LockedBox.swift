import Foundation

/// A value shared between the threads of a concurrency test.
public final class LockedBox<T>: @unchecked Sendable {
    private var stored: T
    private let lock = NSLock()
    public init(_ value: T) { stored = value }
    public var value: T { lock.lock(); defer { lock.unlock() }; return stored }
    public func mutate(_ f: (inout T) -> Void) { lock.lock(); defer { lock.unlock() }; f(&stored) }
}
