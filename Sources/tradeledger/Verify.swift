import ArgumentParser
import TradeLedgerKit

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Walk the hash chain from seq 1: contiguity and every hash; names the first bad seq (exit 4).")
    @OptionGroup var global: GlobalOptions
    func run() throws {
        throw ValidationError("verify arrives with the event store")
    }
}
