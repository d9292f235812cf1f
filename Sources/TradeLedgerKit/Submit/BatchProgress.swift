/// The results of one batch so far: every line before `from` has its final result, and those
/// before `emitted` were reported.
struct BatchProgress {
    var results: [SubmitService.Result?]
    var from = 0
    var emitted = 0

    init(count: Int) { results = Array(repeating: nil, count: count) }

    /// Reports the final results not reported yet, in input order, counting them in `summary`.
    mutating func emitFinal(_ batch: [CommandInput.Item], _ summary: inout SubmitService.Summary, _ emit: (SubmitService.Result) -> Void) {
        while emitted < from {
            let r = results[emitted]!
            precondition(r.line == batch[emitted].line, "one result per input line, in input order")
            switch r.status {
            case .accepted: summary.accepted += 1; summary.events += r.events
            case .duplicate: summary.duplicate += 1
            case .rejected: summary.rejected += 1
            }
            emit(r)
            emitted += 1
        }
    }
}
