import LedgerDomain
import Money

/// Posting rules of exceptions with money (RECONCILIATION.md "Outcomes"). `sign` is +1 when the
/// line debits scheme/visa/settlement (TC 05, 35), −1 when it credits it (TC 06, 15, 25).
public enum ReconPostings {
    /// missing_in_ledger, duplicate_presentment, ambiguous_match, chargeback_unknown_payment and
    /// currency_mismatch: the file amount between settlement and recon/suspense.
    public static func parked(sign: Int64, settled: Amount) -> [Posting] {
        guard !settled.isZero else { return [] }
        return [Posting(account: Account.visaSettlement, currency: settled.currency, amountMinor: sign * settled.minorUnits),
                Posting(account: Account.reconSuspense, currency: settled.currency, amountMinor: -sign * settled.minorUnits)]
    }

    /// amount_mismatch: settlement gets the file's destination amount, clearing loses the ledger
    /// amount, the difference goes to recon/suspense (in the transaction currency; across
    /// currencies the file's source amount passes through fx/position).
    public static func amountMismatch(sign: Int64, settled: Amount, source: Amount, ledger: Amount) -> [Posting] {
        precondition(source.currency == ledger.currency, "an amount mismatch is in one transaction currency")
        var legs: [Posting] = [Posting(account: Account.visaSettlement, currency: settled.currency, amountMinor: sign * settled.minorUnits)]
        let booked: Amount
        if settled.currency != source.currency {
            legs.append(Posting(account: Account.fxPosition, currency: settled.currency, amountMinor: -sign * settled.minorUnits))
            legs.append(Posting(account: Account.fxPosition, currency: source.currency, amountMinor: sign * source.minorUnits))
            booked = source
        } else {
            booked = settled
        }
        legs.append(Posting(account: Account.visaClearing, currency: ledger.currency, amountMinor: -sign * ledger.minorUnits))
        legs.append(Posting(account: Account.reconSuspense, currency: ledger.currency,
                            amountMinor: sign * (ledger.minorUnits - booked.minorUnits)))
        return legs.filter { $0.amountMinor != 0 }
    }

    /// A manual match of a parked presentment with a ledger item: what an automatic match would
    /// have booked, taken from suspense instead of settlement (settlement already got the file
    /// amount). `sign` +1 for a capture's (TC 05), −1 for a refund's (TC 06).
    public static func manualMatch(parked: Amount, ledger: Amount, sign: Int64 = 1) -> [Posting] {
        var legs = [Posting(account: Account.reconSuspense, currency: parked.currency, amountMinor: sign * parked.minorUnits)]
        if parked.currency != ledger.currency {
            legs.append(Posting(account: Account.fxPosition, currency: parked.currency, amountMinor: -sign * parked.minorUnits))
            legs.append(Posting(account: Account.fxPosition, currency: ledger.currency, amountMinor: sign * ledger.minorUnits))
        }
        legs.append(Posting(account: Account.visaClearing, currency: ledger.currency, amountMinor: -sign * ledger.minorUnits))
        return legs
    }

    /// A manual match of a missing_in_file item (no money parked): what its automatic match
    /// would book in the transaction currency, `sign` +1 for a capture (clearing → settlement),
    /// −1 for a refund (settlement → clearing, the money Visa takes back).
    public static func confirmedPresentment(ledger: Amount, sign: Int64) -> [Posting] {
        [Posting(account: Account.visaSettlement, currency: ledger.currency, amountMinor: sign * ledger.minorUnits),
         Posting(account: Account.visaClearing, currency: ledger.currency, amountMinor: -sign * ledger.minorUnits)]
    }
}
