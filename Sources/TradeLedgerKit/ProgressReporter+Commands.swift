/// The progress lines of each long command, over `ProgressReporter`'s rate and ETA.
extension ProgressReporter {
    /// `submit`: commands so far and their rate; the ETA from the bytes read of a file whose size is known.
    public func submitted(_ summary: SubmitService.Summary, bytesRead: Int, totalBytes: Int?) {
        submitted(commands: summary.accepted + summary.duplicate + summary.rejected, seconds: summary.seconds,
                  bytesRead: bytesRead, totalBytes: totalBytes)
    }

    /// `submit`: `commands` done in `seconds`, `bytesRead` of `totalBytes` (nil: standard input).
    public func submitted(commands: Int, seconds: Double, bytesRead: Int, totalBytes: Int?) {
        let remaining = totalBytes.flatMap { total in
            bytesRead > 0 ? Remaining(left: Int64(total - bytesRead), progressed: Int64(bytesRead)) : nil
        }
        rate("\(commands) commands", count: Int64(commands), unit: "commands", seconds: seconds, remaining: remaining)
    }

    /// `projections rebuild`: the seq reached of the head, events per second since the start.
    public func rebuilding(seq: Int64, head: Int64, events: Int) {
        rate("rebuilding: seq \(seq)/\(head)", count: Int64(events), unit: "events",
             remaining: Remaining(left: head - seq, progressed: Int64(events)))
    }

    /// `settle`: payouts and claims appended of those planned.
    public func settling(done: Int, of total: Int) {
        rate("settling: \(done)/\(total) payouts and claims", count: Int64(done), unit: "",
             remaining: Remaining(left: Int64(total - done), progressed: Int64(done)))
    }
}
