import Foundation

/// The one progress line of the long commands (`submit`, `settle`, `projections rebuild`,
/// `reconcile`): redrawn in place on standard error while it is a terminal, silent otherwise
/// (pipes, CI, tests). It owns the rate and ETA arithmetic; commands only say how far they are.
public final class ProgressReporter {
    /// Whether lines are drawn at all (by default: standard error is a terminal).
    public let isEnabled: Bool
    private let write: (String) -> Void
    private let now: () -> Double
    private let startedAt: Double
    private var drawn = false

    public init(enabled: Bool = ProgressReporter.standardErrorIsTerminal, now: @escaping () -> Double = Clock.monotonicSeconds,
                write: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.isEnabled = enabled
        self.write = write
        self.now = now
        self.startedAt = now()
    }

    public static var standardErrorIsTerminal: Bool { isatty(2) == 1 }

    /// Seconds since the reporter was made (at least a millisecond, so rates stay finite).
    public var elapsedSeconds: Double { max(now() - startedAt, 0.001) }

    /// Units per second: `count` over `seconds` (at least a millisecond).
    public static func rate(_ count: Int64, seconds: Double) -> Double { Double(count) / max(seconds, 0.001) }

    /// Whole seconds left when `left` more units remain and `progressed` took `seconds`;
    /// 0 before any progress.
    public static func eta(left: Int64, progressed: Int64, seconds: Double) -> Int {
        let rate = Self.rate(progressed, seconds: seconds)
        guard progressed > 0, rate > 0 else { return 0 }
        return max(0, Int(Double(left) / rate))
    }

    /// How far a command has got toward a known end: `left` units remain after `progressed` ones.
    public struct Remaining: Sendable {
        public var left: Int64
        public var progressed: Int64
        public init(left: Int64, progressed: Int64) {
            self.left = left
            self.progressed = progressed
        }
    }

    /// Draws `text, R unit/s[, ETA Ns]`: R is `count` per second over `seconds` (default: since
    /// the reporter was made), the ETA is drawn when `remaining` is given.
    public func rate(_ text: String, count: Int64, unit: String, seconds: Double? = nil, remaining: Remaining? = nil) {
        guard isEnabled else { return }
        let s = seconds ?? elapsedSeconds
        var line = "\(text), \(Int(Self.rate(count, seconds: s)))\(unit.isEmpty ? "" : " " + unit)/s"
        if let remaining { line += ", ETA \(Self.eta(left: remaining.left, progressed: remaining.progressed, seconds: s))s" }
        draw(line)
    }

    /// Draws `phase: N%` for a fraction 0...1 of a phase.
    public func percent(_ phase: String, fraction: Double) {
        guard isEnabled else { return }
        draw("\(phase): \(Int(fraction * 100))%")
    }

    /// Redraws the line with `line` (padded so a shorter line covers a longer one).
    public func draw(_ line: String) {
        guard isEnabled else { return }
        write("\r" + line + "   ")
        drawn = true
    }

    /// Ends the line once something was drawn, so that what follows starts on its own line.
    public func finish() {
        guard drawn else { return }
        write("\n")
        drawn = false
    }
}
