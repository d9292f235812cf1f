import Money

/// The subsidy programme's rules (DOMAIN.md "Subsidy programme").
public enum SubsidyRules {
    /// The grant for a card payment, or nil: the earliest-launched eligible programme with
    /// budget left pays min(amount × rateBps / 10000 half-even, capPerPayment), capped by the
    /// budget left. Eligible: same currency; `at` within [validFrom 00:00, validTo 23:59:59.999999]
    /// UTC; buyer country listed; seller kind listed (or no list); amount ≥ minSpend. A grant
    /// that rounds to zero is no grant.
    public static func grant(amount: Amount, at: Timestamp, buyerCountry: String, sellerKind: PartyKind,
                             programsInLaunchOrder: [ProgramState]) -> (programId: String, amount: Amount)? {
        for program in programsInLaunchOrder where isEligible(program.terms, amount: amount, at: at,
                                                              buyerCountry: buyerCountry, sellerKind: sellerKind) {
            let budgetLeft = program.budgetLeft
            guard budgetLeft.isPositive else { continue }
            var subsidy = amount.percentage(bps: program.terms.rateBps, rounding: .halfEven)
            subsidy = min(subsidy, program.terms.capPerPayment, budgetLeft)
            return subsidy.isPositive ? (program.programId, subsidy) : nil
        }
        return nil
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
