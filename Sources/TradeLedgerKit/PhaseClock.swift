import Reconciliation

/// Wall time per phase.
struct PhaseClock {
    var last = Clock.monotonicSeconds()
    mutating func lap(_ name: String, into report: inout ReconReport) {
        let now = Clock.monotonicSeconds()
        report.phases.append((name, now - last))
        last = now
    }
}
