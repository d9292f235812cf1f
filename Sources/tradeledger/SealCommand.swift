import ArgumentParser
import TradeLedgerKit

/// `tradeledger seal`: signed digests of the log head, kept outside the database.
struct SealCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seal",
        abstract: "Sign a digest of the ledger head (ledger, seq, hash, time) with an Ed25519 key; keep the digests outside the database.",
        discussion: "Checked later by `tradeledger verify --seal FILE --public-key KEY.pub`, which fails (exit 4) naming the seq when the log no longer holds a sealed hash or has shrunk below it.",
        subcommands: [Create.self, Keygen.self], defaultSubcommand: Create.self)

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Verify the chain since the last seal in FILE, then append a signed digest of the head to FILE (or print it).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The private key (PKCS#8 PEM, mode 0600), from `seal keygen`.") var key: String
        @Option(help: "Append the digest to this file (JSON lines) instead of printing it.") var out: String?

        func run() throws {
            let config = try global.config()
            let seal = try runApp { try SealService(config: config).seal(keyPath: key, out: out) }
            if let out {
                printOut("sealed ledger \(seal.ledger) at seq \(seal.seq) (hash \(seal.hashHex.prefix(16))…, key \(seal.keyId)) → \(out)")
            } else {
                printOut(seal.jsonLine)
            }
        }
    }

    struct Keygen: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write an Ed25519 key pair: PATH (private, mode 0600) and PATH.pub.")
        @Option(help: "Where to write the private key; the public key goes to PATH.pub.") var out: String

        func run() throws {
            let id = try runApp { try SealService.keygen(path: out) }
            printOut("wrote \(out) (private, mode 0600) and \(out).pub (public); key id \(id)")
        }
    }
}
