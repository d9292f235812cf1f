import Foundation

/// Runs this checkout's `tradeledger` binary (built by `swift build`) as an operator would, for
/// the tests of its exit codes and output.
public enum CLIProcess {
    public static let binary = TestDatabase.checkoutRoot + "/.build/debug/tradeledger"

    /// Runs the binary with `args` to its end; its exit status, stdout and stderr.
    public static func run(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }
}
