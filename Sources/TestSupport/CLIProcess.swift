import Foundation

/// Runs this checkout's `tradeledger` binary (built by `swift build`) as an operator would, for
/// the tests of its exit codes and output.
public enum CLIProcess {
    public static let binary = TestDatabase.checkoutRoot + "/.build/debug/tradeledger"

    /// Runs the binary with `args` to its end; its exit status, stdout and stderr.
    public static func run(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
        try start(args).wait()
    }

    /// Starts the binary with `args` and returns at once, for tests that run several together;
    /// `wait()` on the result for its end.
    ///
    /// Both pipes are drained from the start, each on a thread of its own: read one to its end
    /// before the other, or wait for the exit before reading either, and a child that fills a
    /// pipe buffer (about 64 KB) blocks in its write while this waits for an end of file or an
    /// exit that never comes.
    public static func start(_ args: [String]) throws -> Running {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        return Running(p, out: out.fileHandleForReading, err: err.fileHandleForReading)
    }

    /// A started child whose stdout and stderr are being read to their ends meanwhile.
    public final class Running: Sendable {
        let process: LockedBox<Process>
        let out: Drain, err: Drain
        public let processIdentifier: Int32

        init(_ process: Process, out: FileHandle, err: FileHandle) {
            self.process = LockedBox(process)
            processIdentifier = process.processIdentifier
            self.out = Drain(out)
            self.err = Drain(err)
        }

        /// Waits for the child's end: its exit status, stdout and stderr.
        public func wait() -> (status: Int32, out: String, err: String) {
            let o = out.wait(), e = err.wait()
            let p = process.value
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
        }
    }

    /// One pipe read to its end on a thread of its own.
    final class Drain: Sendable {
        private let data = LockedBox(Data())
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            let data = self.data, done = self.done
            Thread.detachNewThread {
                let d = handle.readDataToEndOfFile()
                data.mutate { $0 = d }
                done.signal()
            }
        }

        /// The bytes read, once the pipe's writers have all closed it (the child has exited).
        func wait() -> Data {
            done.wait()
            done.signal()  // a second wait returns at once
            return data.value
        }
    }
}
