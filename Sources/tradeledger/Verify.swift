import ArgumentParser
import Projections
import TradeLedgerKit

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check the hash chain and contiguity from seq 1, the trial balance, and every projection against a replay; names the first bad seq (exit 4).")
    @OptionGroup var global: GlobalOptions
    func run() throws {
        let config = try global.config()
        let report = try runApp { try VerifyService(config: config).run() }
        printOut("hash chain: \(report.chain.eventsChecked) events intact through seq \(report.chain.headSeq)")
        printOut("trial balance: zero in each of \(report.projections.currencies) currencies")
        for (p, fp) in report.projections.fingerprints.sorted(by: { $0.key < $1.key }) {
            printOut("\(p.rawValue): matches a replay at seq \(report.projections.checkpointSeqs[p] ?? 0) (fingerprint \(fp.prefix(16))…)")
        }
    }
}
