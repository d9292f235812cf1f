import Foundation

/// The first attempt's append of one `submit` batch (its decided window, chunk by chunk on the
/// store's connection), run on a thread of its own so that the next batch can be decided on the
/// reader's connection meanwhile (`SubmitService.run`). Submit's client work (deciding) and the
/// server's (the bulk append) are otherwise one after the other, and each is about half of it.
///
/// The thread touches only the window, the batch's progress, the store's connection and the
/// service's append hook and counter; never the in-memory state, which the caller goes on
/// deciding with. `join` waits for it (every `AppendAhead` made is joined, used or not). Without
/// a separate reader (`async: false`) the append runs at once, on the caller's thread.
final class AppendAhead: @unchecked Sendable {
    enum Outcome {
        /// Every request of the window was appended: the whole batch is final.
        case appended
        /// Stopped early (the lines before `progress.from` are final); the rest of the batch is
        /// for `SubmitService.attempts`, and anything decided on top of this window is stale.
        case failed(SubmitService.AttemptFailure)
        /// An unexpected error (a lost connection): the run ends after this batch's final lines.
        case error(any Error)
    }

    let batch: [CommandInput.Item]
    let parsed: [SubmitService.Parsed]
    /// Every stream the window writes (read before the thread starts, which fills the window's
    /// seqs in): what the state must keep when it is bounded while this batch is in flight.
    let writtenStreams: Set<String>
    /// Bytes of input read up to the end of this batch (for the progress estimate).
    let bytesRead: Int
    private(set) var progress: BatchProgress
    /// Lock retries of the append (the only summary counter an append moves).
    private(set) var lockRetries = 0
    private let service: SubmitService
    private var window: SubmitService.Window
    private var outcome: Outcome = .appended
    private let done = DispatchSemaphore(value: 0)
    private var joined = false

    init(_ service: SubmitService, batch: [CommandInput.Item], parsed: [SubmitService.Parsed], window: SubmitService.Window,
         progress: BatchProgress, bytesRead: Int, async: Bool) {
        self.service = service
        self.batch = batch
        self.parsed = parsed
        self.window = window
        var written = Set<String>()
        for request in window.requests { for e in request.events { written.insert(e.streamId) } }
        writtenStreams = written
        self.progress = progress
        self.bytesRead = bytesRead
        let body: @Sendable () -> Void = { [self] in
            var summary = SubmitService.Summary()
            do {
                try self.service.appendWindow(&self.window, &self.progress, exclusive: false, &summary)
            } catch let failure as SubmitService.AttemptFailure {
                outcome = .failed(failure)
            } catch {
                outcome = .error(error)
            }
            lockRetries = summary.lockRetries
            done.signal()
        }
        if async { Thread.detachNewThread(body) } else { body() }
    }

    /// Waits for the append; what it came to.
    @discardableResult
    func join() -> Outcome {
        if !joined { done.wait(); joined = true }
        return outcome
    }
}
