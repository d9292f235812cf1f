import Foundation

/// Work of a rebuild page done on a thread of its own, on a connection of its own: the part of
/// a page that a rebuild with a second writer (`ProjectionRebuilder.writer`) sends there while
/// the caller goes on with the rest on the store's connection. The body touches only its own
/// connection and values it was given. `join` waits for it and rethrows its error (every
/// `GroupWrite` made is joined).
final class GroupWrite<T>: @unchecked Sendable {
    private let body: () throws -> T
    private var result: Result<T, any Error>?
    private let done = DispatchSemaphore(value: 0)

    init(_ body: @escaping () throws -> T) {
        self.body = body
        Thread.detachNewThread { [self] in
            result = Result { try self.body() }
            done.signal()
        }
    }

    /// Waits for the body; what it returned or threw. Call once.
    func join() throws -> T {
        done.wait()
        return try result!.get()
    }
}
