import Foundation

/// Runs this checkout's `tradeledger` binary (built by `swift build`) as an operator would, for
/// the tests of its exit codes and output.
public enum CLIProcess {
    public static let binary = TestDatabase.checkoutRoot + "/.build/debug/tradeledger"

    /// Runs the binary with `args` to its end; its exit status, stdout and stderr.
    ///
    /// Both pipes are drained at once, stderr on a thread of its own: read one to its end before
    /// the other, and a child that fills the other's pipe buffer (about 64 KB) blocks in its write
    /// while this waits for an end of file that never comes.
    public static func run(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let errReader = err.fileHandleForReading
        let errData = LockedBox(Data())
        let errDone = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let e = errReader.readDataToEndOfFile()
            errData.mutate { $0 = e }
            errDone.signal()
        }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        errDone.wait()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: errData.value, as: UTF8.self))
    }
}
