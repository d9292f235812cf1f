import Money

extension Decider {
    /// Bounds a submitted command's business time, before its own rules:
    /// - `future_business_time` when `at` lies more than `context.futureSkewSeconds` ahead of
    ///   `context.now` (the database clock);
    /// - `period_closed` when `at` falls on or before the end (UTC) of the latest closed date.
    ///   The decision reads the period stream and relies on it (a guard), so a period closed by
    ///   another writer before the append sends the command back to be decided again. A command
    ///   without `at` takes `context.now`, which is after every closed date, because only days
    ///   that have ended can be closed.
    /// nil when the command may go on. The rejections name the limit, never the command's value.
    mutating func checkBusinessTime() -> Decision? {
        if let skew = context.futureSkewSeconds {
            let latest = context.now.adding(seconds: skew)
            if at > latest {
                return reject(CommandRejection.futureBusinessTime, "at",
                              "lies more than \(skew) s ahead of the database clock: the latest business time accepted now is \(latest.rfc3339)")
            }
        }
        guardRead(StreamID.periods)
        // Not loaded yet: the command's own handler asks for it with its other streams.
        guard state.isLoaded(StreamID.periods), let closed = state.closedThrough else { return nil }
        if at <= closed.endOfDay {
            return reject(CommandRejection.periodClosed, "at",
                          "falls in a closed period: the ledger is closed through \(closed.text) (UTC), so business time must be after \(closed.endOfDay.rfc3339)")
        }
        return nil
    }
}
