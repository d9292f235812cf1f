import Money

/// The subsidy programme's rules (DOMAIN.md "Subsidy programme").
public enum SubsidyRules {
    /// What a capture's choice of programme found: the grant, if any, and the eligible programmes
    /// passed over because nothing was left of their budget (a decision that relied on an empty
    /// budget expects that programme's stream not to move, see `Decider.guardRead`).
    public struct Choice: Sendable {
        public var grant: (programId: String, amount: Amount)?
        public var exhausted: [String] = []
    }

    /// The grant for a card payment: the earliest-launched eligible programme with budget left
    /// pays min(amount × rateBps / 10000 half-even, capPerPayment), capped by the budget left.
    /// Eligible: same currency; `at` within [validFrom 00:00, validTo 23:59:59.999999] UTC; buyer
    /// country listed; seller kind listed (or no list); amount ≥ minSpend. A programme whose grant
    /// rounds to zero pays nothing and the search goes on to the next eligible programme (its
    /// budget is not at stake, so it is not passed over "for budget").
    public static func choose(amount: Amount, at: Timestamp, buyerCountry: String, sellerKind: PartyKind,
                              programsInLaunchOrder: [ProgramState]) -> Choice {
        var choice = Choice()
        for program in programsInLaunchOrder where isEligible(program.terms, amount: amount, at: at,
                                                              buyerCountry: buyerCountry, sellerKind: sellerKind) {
            let budgetLeft = program.budgetLeft
            guard budgetLeft.isPositive else {
                choice.exhausted.append(program.programId)
                continue
            }
            var subsidy = amount.percentage(bps: program.terms.rateBps, rounding: .halfEven)
            subsidy = min(subsidy, program.terms.capPerPayment, budgetLeft)
            guard subsidy.isPositive else { continue }
            choice.grant = (program.programId, subsidy)
            return choice
        }
        return choice
    }

    /// `choose(…).grant`.
    public static func grant(amount: Amount, at: Timestamp, buyerCountry: String, sellerKind: PartyKind,
                             programsInLaunchOrder: [ProgramState]) -> (programId: String, amount: Amount)? {
        choose(amount: amount, at: at, buyerCountry: buyerCountry, sellerKind: sellerKind, programsInLaunchOrder: programsInLaunchOrder).grant
    }

    public static func isEligible(_ terms: SubsidyProgramLaunched, amount: Amount, at: Timestamp, buyerCountry: String,
                                  sellerKind: PartyKind) -> Bool {
        amount.currency == terms.currency
            && at >= terms.validFrom.startOfDay && at <= terms.validTo.endOfDay
            && terms.buyerCountries.contains(buyerCountry)
            && (terms.sellerKinds?.contains(sellerKind) ?? true)
            && amount >= terms.minSpend
    }

    /// The subsidy to reverse when a payment's refunded + charged-back total becomes
    /// `returnedAfterMinor`. Cumulative, so rounding never drifts: the reversals so far plus this
    /// one equal round_half_even(granted × returned ÷ captured); once the whole payment is
    /// returned, the last reversal takes the remainder (granted − reversed so far). Never negative.
    public static func reversal(grantedMinor: Int64, reversedSoFarMinor: Int64, capturedMinor: Int64,
                                returnedAfterMinor: Int64) -> Int64 {
        precondition(capturedMinor > 0 && returnedAfterMinor >= 0 && returnedAfterMinor <= capturedMinor)
        if returnedAfterMinor == capturedMinor { return grantedMinor - reversedSoFarMinor }
        let target = divide(Int128(grantedMinor) * Int128(returnedAfterMinor), by: Int128(capturedMinor), rounding: .halfEven)
        return max(0, Int64(target) - reversedSoFarMinor)
    }
}
