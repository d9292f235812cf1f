import Dispatch
import EventStore

/// The next page of a rebuild, decoded and folded on another thread (`PageApplier.FoldedPage`)
/// while the current page is written and committed on the connection: decoding is most of a
/// rebuild's client time, and it would otherwise wait for the server's COPY and the other way
/// round. Only the rows (already read, on the caller's thread) go to the other thread; it never
/// touches the connection. `wait` joins it (every `PageAhead` made is waited for, used or not).
final class PageAhead: @unchecked Sendable {
    let start: LogPosition
    private var result: Result<PageApplier.FoldedPage, any Error>?
    private let done = DispatchSemaphore(value: 0)
    private var joined = false

    init(_ projections: [ProjectionName], page: [RecordedEvent], start: LogPosition, last: LogPosition) {
        self.start = start
        DispatchQueue.global().async { [self] in
            result = Result { try PageApplier.FoldedPage(projections, page: page, start: start, last: last) }
            done.signal()
        }
    }

    /// Waits for the fold; its error (a page that cannot be decoded or folded) is thrown by `get`.
    @discardableResult
    func wait() -> Result<PageApplier.FoldedPage, any Error> {
        if !joined { done.wait(); joined = true }
        return result!
    }
}
