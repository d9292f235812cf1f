import Foundation

/// Work of a rebuild done on a thread of its own: what a rebuild with a second writer
/// (`ProjectionRebuilder.writer`) sends to that connection while the caller goes on with the
/// rest on the store's. The body touches only its own connection and values it was given.
/// `join` waits for it and gives its result, the same however often it is called (every
/// `BackgroundJob` made is joined). `PageAhead` folds on a dispatch queue instead: folding on a
/// thread of its own per page measured more peak RSS (80–82 MB against 74–76 at 714k events).
final class BackgroundJob<T>: @unchecked Sendable {
    private let body: () throws -> T
    private var result: Result<T, any Error>?
    private var joined = false
    private let done = DispatchSemaphore(value: 0)

    init(_ body: @escaping () throws -> T) {
        self.body = body
        Thread.detachNewThread { [self] in
            result = Result { try self.body() }
            done.signal()
        }
    }

    /// Waits for the body (the first call); what it returned or threw.
    @discardableResult
    func join() -> Result<T, any Error> {
        if !joined {
            done.wait()
            joined = true
        }
        return result!
    }
}
