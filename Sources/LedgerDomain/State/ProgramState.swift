import Money

/// A subsidy programme as folded from its stream: budget left = budget − granted + reversed −
/// restored (a restoration, on a chargeback reversal, takes back from the budget what the
/// chargeback returned to it).
public struct ProgramState: Sendable, Hashable {
    public let terms: SubsidyProgramLaunched
    public internal(set) var grantedMinor: Int64 = 0
    public internal(set) var reversedMinor: Int64 = 0
    public internal(set) var restoredMinor: Int64 = 0
    public internal(set) var claimedMinor: Int64 = 0
    public internal(set) var fundedMinor: Int64 = 0
    public internal(set) var grants: Int = 0
    /// The seq of the launch event when it was read from the store (nil: decided in memory).
    public internal(set) var launchSeq: Int64?

    init(terms: SubsidyProgramLaunched, launchSeq: Int64?) {
        self.terms = terms
        self.launchSeq = launchSeq
    }

    public var programId: String { terms.programId }
    public var currency: Currency { terms.currency }
    public var budgetLeft: Amount {
        Amount(minorUnits: terms.budget.minorUnits - grantedMinor + reversedMinor - restoredMinor, currency: currency)
    }

    /// Launch order of programmes outside the programme set (launched before it existed): the
    /// launch's seq in the log, then programme id (when a seq is unknown).
    static func launchedBefore(_ lhs: ProgramState, _ rhs: ProgramState) -> Bool {
        switch (lhs.launchSeq, rhs.launchSeq) {
        case (let l?, let r?): return l < r
        case (_?, nil): return true
        case (nil, _?): return false
        case (nil, nil): return lhs.programId < rhs.programId
        }
    }
}
