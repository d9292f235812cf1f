import LibPQ
import Testing
import TradeLedgerKit

/// The one progress line of the long commands, and the exit code of what a command throws.
@Suite("Progress and failures") struct ProgressReporterTests {
    final class FakeClock {
        var seconds = 100.0
    }

    static func reporter(enabled: Bool = true) -> (ProgressReporter, FakeClock, () -> [String]) {
        let clock = FakeClock()
        var written: [String] = []
        let reporter = ProgressReporter(enabled: enabled, now: { clock.seconds }, write: { written.append($0) })
        return (reporter, clock, { written })
    }

    @Test("rate is units per second, at least over a millisecond; the ETA is what is left at the rate of progress so far, 0 before any")
    func rateIsUnitsPerSecondAndETAIsTheRestAtThatRate() {
        #expect(ProgressReporter.rate(500, seconds: 2) == 250)
        #expect(ProgressReporter.rate(1, seconds: 0) == 1_000)
        #expect(ProgressReporter.eta(left: 900, progressed: 100, seconds: 10) == 90)
        #expect(ProgressReporter.eta(left: 900, progressed: 0, seconds: 10) == 0)
        #expect(ProgressReporter.eta(left: -5, progressed: 100, seconds: 10) == 0)
    }

    @Test("each command's line: submit's ETA from the bytes read, rebuild's from the seq, settle's from the count; a phase in percent")
    func eachCommandsLineEstimatesFromItsOwnUnit() {
        let (reporter, clock, written) = Self.reporter()
        reporter.submitted(commands: 100, seconds: 2, bytesRead: 0, totalBytes: 1_000)
        reporter.submitted(commands: 100, seconds: 2, bytesRead: 250, totalBytes: 1_000)
        reporter.submitted(commands: 100, seconds: 2, bytesRead: 250, totalBytes: nil)
        clock.seconds += 4
        reporter.rebuilding(seq: 400, head: 1_000, events: 400)
        reporter.settling(done: 20, of: 100)
        reporter.percent("matching", fraction: 0.5)
        reporter.finish()
        #expect(written() == [
            "\r100 commands, 50 commands/s   ", "\r100 commands, 50 commands/s, ETA 6s   ", "\r100 commands, 50 commands/s   ",
            "\rrebuilding: seq 400/1000, 100 events/s, ETA 6s   ", "\rsettling: 20/100 payouts and claims, 5/s, ETA 16s   ",
            "\rmatching: 50%   ", "\n",
        ])
    }

    @Test("finish ends the line only after one was drawn; a disabled reporter (not a terminal) writes nothing")
    func finishEndsOnlyADrawnLineAndADisabledReporterWritesNothing() {
        let (idle, _, idleWritten) = Self.reporter()
        idle.finish()
        #expect(idleWritten().isEmpty)
        let (off, _, offWritten) = Self.reporter(enabled: false)
        off.settling(done: 1, of: 2)
        off.percent("parsing", fraction: 1)
        off.finish()
        #expect(offWritten().isEmpty)
    }

    @Test("what a command throws: an AppError by its code, a database without the schema 2, anything else 1")
    func appErrorsExitWithTheirCodeAMissingSchemaWith2AndAnythingElseWith1() {
        #expect(CommandFailure(AppError.verificationFailed("seq 9")) == CommandFailure(message: "seq 9", exitCode: 4))
        #expect(CommandFailure(AppError.unreachable("down")).exitCode == 3)
        let unmigrated = CommandFailure(PGError(code: .server, sqlState: "42P01", message: #"relation "ledger.events" does not exist"#))
        #expect(unmigrated.exitCode == 2)
        #expect(unmigrated.message == #"the database has no TradeLedger schema (relation "ledger.events" does not exist); run `tradeledger db migrate` first"#)
        #expect(CommandFailure(PGError(code: .server, sqlState: "3F000", message: "no schema")).exitCode == 2)
        #expect(CommandFailure(PGError(code: .server, sqlState: "23505", message: "duplicate")).exitCode == 1)
    }
}
