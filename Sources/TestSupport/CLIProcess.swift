import Foundation

/// Runs this checkout's `tradeledger` binary (built by `swift build`) as an operator would, for
/// the tests of its exit codes and output.
public enum CLIProcess {
    public static let binary = TestDatabase.checkoutRoot + "/.build/debug/tradeledger"

    /// How long a child may run before the watchdog kills it: a hang guard, not a time limit of
    /// any test. Every child the tests start ends in seconds; a child still running after this
    /// is hung (a pipe nobody drains, a wait that never ends), and the test fails naming it
    /// instead of holding the run until CI's own limit.
    public static let watchdogSecondsDefault: Double = 300

    /// Runs the binary with `args` to its end; its exit status, stdout and stderr. Throws
    /// `WatchdogKill` when the watchdog had to kill it.
    public static func run(_ args: [String], watchdogSeconds: Double = watchdogSecondsDefault) throws -> (status: Int32, out: String, err: String) {
        try start(args, watchdogSeconds: watchdogSeconds).wait()
    }

    /// Starts the binary with `args` and returns at once, for tests that run several together;
    /// `wait()` on the result for its end.
    ///
    /// Both pipes are drained from the start, each on a thread of its own: read one to its end
    /// before the other, or wait for the exit before reading either, and a child that fills a
    /// pipe buffer (about 64 KB) blocks in its write while this waits for an end of file or an
    /// exit that never comes. A child still running `watchdogSeconds` after its start is killed
    /// with SIGKILL, which no handler or signal mask of the child holds off (a child blocked in
    /// such a write was seen to outlive SIGTERM).
    /// `environment` is added to this process's own.
    public static func start(_ args: [String], environment: [String: String] = [:],
                             watchdogSeconds: Double = watchdogSecondsDefault) throws -> Running {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let watchdog = Watchdog(seconds: watchdogSeconds)
        p.terminationHandler = { _ in watchdog.exited.signal() }
        try p.run()
        // Armed before anything here could block.
        watchdog.arm(pid: p.processIdentifier)
        return Running(p, arguments: args, out: out.fileHandleForReading, err: err.fileHandleForReading, watchdog: watchdog)
    }

    /// Kills the child (SIGKILL) unless it has exited `seconds` after `arm`.
    final class Watchdog: Sendable {
        let seconds: Double
        let exited = DispatchSemaphore(value: 0)
        private let fired = LockedBox(false)
        init(seconds: Double) { self.seconds = seconds }

        var hasFired: Bool { fired.value }

        func arm(pid: Int32) {
            let exited = exited, fired = fired, seconds = seconds
            Thread.detachNewThread {
                guard exited.wait(timeout: .now() + seconds) == .timedOut else { return }
                fired.mutate { $0 = true }
                kill(pid, SIGKILL)
            }
        }
    }

    /// A child that the watchdog killed: the test that started it fails with this, naming the
    /// command and what it had written to stderr.
    public struct WatchdogKill: Error, CustomStringConvertible {
        public var arguments: [String]
        public var seconds: Double
        public var out: String
        public var err: String

        public var description: String {
            // A refused value of 100 KB stays an argument of the message, not all of it.
            let command = arguments.map { $0.count > 240 ? "\($0.prefix(60))…(\($0.count) characters)" : $0 }.joined(separator: " ")
            let seconds = seconds.rounded() == seconds ? String(Int(seconds)) : String(seconds)
            return """
                `tradeledger \(command)` was killed by CLIProcess's watchdog after \(seconds) s: it had not exited \
                (hung: a pipe nobody drains, a wait that never ends); its stderr until then ended with: \(err.suffix(2_000))
                """
        }
    }

    /// A started child whose stdout and stderr are being read to their ends meanwhile, and whose
    /// watchdog kills it if it is still running after `watchdogSeconds`.
    public final class Running: Sendable {
        let process: LockedBox<Process>
        let arguments: [String]
        let watchdog: Watchdog
        let out: Drain, err: Drain
        public let processIdentifier: Int32

        init(_ process: Process, arguments: [String], out: FileHandle, err: FileHandle, watchdog: Watchdog) {
            self.process = LockedBox(process)
            self.arguments = arguments
            self.watchdog = watchdog
            processIdentifier = process.processIdentifier
            self.out = Drain(out)
            self.err = Drain(err)
        }

        /// Whether the child is still running (for tests that act while it runs).
        public var isRunning: Bool { process.value.isRunning }

        /// Why the child ended (an exit, or a signal such as a test's own SIGKILL); read after `wait()`.
        public var terminationReason: Process.TerminationReason { process.value.terminationReason }

        /// Waits for the child's end: its exit status, stdout and stderr. Throws `WatchdogKill`
        /// when the watchdog killed it.
        public func wait() throws(WatchdogKill) -> (status: Int32, out: String, err: String) {
            let o = String(decoding: out.wait(), as: UTF8.self), e = String(decoding: err.wait(), as: UTF8.self)
            let p = process.value
            p.waitUntilExit()
            if watchdog.hasFired && p.terminationReason == .uncaughtSignal && p.terminationStatus == SIGKILL {
                throw WatchdogKill(arguments: arguments, seconds: watchdog.seconds, out: o, err: e)
            }
            return (p.terminationStatus, o, e)
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
