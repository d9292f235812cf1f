import ArgumentParser
import Foundation
import TradeLedgerKit

// Usage errors exit 2 (ARCHITECTURE.md), not ArgumentParser's 64.
do {
    var command = try TradeLedgerCommand.parseAsRoot(GlobalOptions.moved(Array(CommandLine.arguments.dropFirst())))
    try command.run()
} catch {
    let code = TradeLedgerCommand.exitCode(for: error)
    if code == ExitCode.validationFailure {
        // ArgumentParser quotes refused values ("The value '…' is invalid"): no card number comes back.
        let message = OperatorText.withoutCardNumbers(TradeLedgerCommand.fullMessage(for: error))
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(2)
    }
    TradeLedgerCommand.exit(withError: error)
}
