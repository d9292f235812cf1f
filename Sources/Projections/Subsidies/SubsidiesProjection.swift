import LedgerDomain

/// One row per subsidy programme (budget, granted, reversed net of restorations, claimed,
/// funded, grants) and the net subsidy per programme and merchant.
struct SubsidiesProjection: Projection {
    struct ProgramRow { var programId, currency: String; var budget: Int64 }
    struct ProgramSums { var granted: Int64 = 0; var reversed: Int64 = 0; var claimed: Int64 = 0; var funded: Int64 = 0; var grants: Int64 = 0 }
    struct MerchantKey: Hashable { var programId: String; var merchantId: String }

    static let name = ProjectionName.subsidies
    static let tables = ["proj.subsidy_programs", "proj.subsidy_merchants"]

    var newPrograms: [ProgramRow] = []
    var programSums: [String: ProgramSums] = [:]
    var merchantNet: [MerchantKey: (currency: String, net: Int64)] = [:]
    var events = 0

    /// No journal: nothing to skip.
    init(keepJournal: Bool) {}

    mutating func add(seq: Int64, event: DomainEvent) throws {
        switch event {
        case .subsidyProgramLaunched(let e):
            newPrograms.append(ProgramRow(programId: e.programId, currency: e.currency.code, budget: e.budget.minorUnits))
        case .subsidyGranted(let e):
            programSums[e.programId, default: ProgramSums()].granted += e.amount.minorUnits
            programSums[e.programId, default: ProgramSums()].grants += 1
            merchantNet[MerchantKey(programId: e.programId, merchantId: e.sellerId), default: (e.amount.currency.code, 0)].net += e.amount.minorUnits
        case .subsidyReversed(let e):
            programSums[e.programId, default: ProgramSums()].reversed += e.amount.minorUnits
            merchantNet[MerchantKey(programId: e.programId, merchantId: e.sellerId), default: (e.amount.currency.code, 0)].net -= e.amount.minorUnits
        case .subsidyRestored(let e):
            // Undoes (part of) a chargeback's reversal: "reversed" is net of restorations.
            programSums[e.programId, default: ProgramSums()].reversed -= e.amount.minorUnits
            merchantNet[MerchantKey(programId: e.programId, merchantId: e.sellerId), default: (e.amount.currency.code, 0)].net += e.amount.minorUnits
        case .subsidyClaimSubmitted(let e): programSums[e.programId, default: ProgramSums()].claimed += e.amount.minorUnits
        case .subsidyFundingReceived(let e): programSums[e.programId, default: ProgramSums()].funded += e.sourceAmount.minorUnits
        default: break
        }
    }
}
