import ArgumentParser
import Foundation

// Usage errors exit 2 (ARCHITECTURE.md), not ArgumentParser's 64.
do {
    var command = try TradeLedgerCommand.parseAsRoot(GlobalOptions.moved(Array(CommandLine.arguments.dropFirst())))
    try command.run()
} catch {
    let code = TradeLedgerCommand.exitCode(for: error)
    if code == ExitCode.validationFailure {
        FileHandle.standardError.write(Data((TradeLedgerCommand.fullMessage(for: error) + "\n").utf8))
        exit(2)
    }
    TradeLedgerCommand.exit(withError: error)
}
