import ArgumentParser
import TradeLedgerKit

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check, in one snapshot, the hash chain and contiguity from seq 1, signed seals, projection checkpoints, the trial balance, and every projection against a replay; names the first bad seq (exit 4).")
    @OptionGroup var global: GlobalOptions
    @Option(help: "A file of digests written by `tradeledger seal`: each must verify and still match the log.") var seal: String?
    @Option(name: .customLong("public-key"), help: "The public key (PATH.pub of `seal keygen`) the seals must verify under.") var publicKey: String?

    func validate() throws {
        if (seal == nil) != (publicKey == nil) { throw ValidationError("--seal and --public-key go together") }
    }

    func run() throws {
        let config = try global.config()
        let seals = seal.flatMap { s in publicKey.map { (path: s, publicKeyPath: $0) } }
        let report = try runApp { try VerifyService(config: config, seals: seals).run() }
        for line in report.lines(sealsGiven: seals != nil) { printOut(line) }
    }
}
