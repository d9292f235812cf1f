import ArgumentParser
import Foundation
import TradeLedgerKit

/// Runs `body`, turning what it throws into a message on stderr and an exit code
/// (`CommandFailure`); ArgumentParser's own errors pass through.
func runApp<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as ExitCode {
        throw e
    } catch let e as ValidationError {
        throw e
    } catch {
        let failure = CommandFailure(error)
        printError("tradeledger: \(failure.message)")
        throw ExitCode(failure.exitCode)
    }
}

/// Runs `body`, turning a usage error of the arguments into a `ValidationError` (exit 2, with usage).
func validating<T>(_ body: () throws(AppError) -> T) throws -> T {
    do { return try body() } catch { throw ValidationError(error.description) }
}

func printOut(_ s: String) { FileHandle.standardOutput.write(Data((s + "\n").utf8)) }

func printError(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }
