import Money

/// Why settlement refused to plan or apply. Nothing was appended when one of these is thrown,
/// except where the case says so.
public enum SettlementError: Error, CustomStringConvertible, Equatable {
    /// A date earlier than the latest settled one.
    case earlierThanLatest(date: CalendarDay, latest: CalendarDay)
    /// The plan computed now differs from the one given (`--plan`): the changed manifest lines.
    case stalePlan(expected: String, actual: String, changes: [String])
    /// The plan file is not a settlement plan, or is for another date; `field` names what.
    case badPlanFile(field: String, message: String)
    /// Other writers kept moving the streams a chunk writes.
    case gaveUp(String)
    /// The projection or the log holds something settlement cannot read.
    case corrupt(String)

    public var description: String {
        switch self {
        case .earlierThanLatest(let date, let latest):
            "settlement date \(date.text) is earlier than the latest settled date \(latest.text): refused"
        case .stalePlan(let expected, let actual, let changes):
            "the plan is stale: its manifest hash is \(expected), the plan computed now has \(actual); nothing was applied. Changes:\n"
                + changes.joined(separator: "\n")
        case .badPlanFile(let field, let message): "plan file [\(field)]: \(message)"
        case .gaveUp(let message): message
        case .corrupt(let message): message
        }
    }
}
