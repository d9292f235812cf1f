/// Where a projection stands in the log: the last seq applied and that event's hash.
struct LogPosition: Equatable {
    var seq: Int64
    var hash: [UInt8]
}
