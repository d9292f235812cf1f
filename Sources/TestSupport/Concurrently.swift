import Foundation

/// Runs `body(i)` for `i` in `0..<count`, each on a thread of its own, all at once, and waits
/// for all of them (the concurrency tests of the event store and the projections).
public func concurrently(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let group = DispatchGroup()
    for i in 0..<count {
        group.enter()
        Thread.detachNewThread { body(i); group.leave() }
    }
    group.wait()
}
