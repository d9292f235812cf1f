import EventStore
import Projections

/// What `tradeledger verify` prints when every check passed.
extension VerifyService.Report {
    /// The hash chain, the seals (when `sealsGiven`), the trial balance and each projection's replay, a line each.
    public func lines(sealsGiven: Bool) -> [String] {
        var lines = ["hash chain: \(chain.eventsChecked) events intact through seq \(chain.headSeq)"]
        if sealsGiven {
            lines.append("seals: \(sealsChecked) signed digest(s) verified, the log holds each (sealed through seq \(sealedThrough))"
                         + (sealsOfOtherLedgers > 0 ? "; \(sealsOfOtherLedgers) of other ledgers skipped" : ""))
        }
        lines.append("trial balance: zero in each of \(projections.currencies) currencies")
        for (p, fp) in projections.fingerprints.sorted(by: { $0.key < $1.key }) {
            lines.append("\(p.rawValue): matches a replay at seq \(projections.checkpointSeqs[p] ?? 0) (fingerprint \(fp.prefix(16))…)")
        }
        return lines
    }
}
