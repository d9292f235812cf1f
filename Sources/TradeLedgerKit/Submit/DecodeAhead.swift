import Dispatch
import LedgerDomain

/// The next batch of `submit`, decoded on another thread while the current one is decided and
/// appended: decoding (JSON, the card-number guard, the request hash) is about a sixth of
/// submit's client time and needs nothing of the database or of the state, so it runs on the
/// second core while this one decides or waits for the server. Only the lines (already read, on
/// the caller's thread) go to the other thread. Every `DecodeAhead` made is waited for.
final class DecodeAhead: @unchecked Sendable {
    let batch: [CommandInput.Item]
    private var parsed: [SubmitService.Parsed] = []
    private let done = DispatchSemaphore(value: 0)
    private var joined = false

    init(_ batch: [CommandInput.Item], tokenKey: [UInt8]) {
        self.batch = batch
        DispatchQueue.global().async { [self] in
            parsed = SubmitService.decode(batch, tokenKey: tokenKey)
            done.signal()
        }
    }

    /// The batch's lines decoded, in order: a command or its decoding rejection each.
    func wait() -> [SubmitService.Parsed] {
        if !joined { done.wait(); joined = true }
        return parsed
    }
}
