import LedgerDomain
import Money
import Testing
@testable import TradeLedgerKit

/// `resolve`'s command id never looks like a card number to the PAN guard.
@Suite("resolve: command id")
struct ResolveCommandIdTests {
    @Test("a line exception's record number and the time no longer join into a card-number-shaped digit run")
    func resolveCommandIdHasNoCardNumberShapedDigitRun() {
        let id = "10953648aded8a69-26495"  // {file id prefix}-{record}, as the demo's amount_mismatch
        var oldFormatTrips = 0
        for i in 0..<20_000 {
            let micros = Int64(1_764_600_000_000_000) + Int64(i) * 7_919
            if PANDetector.containsCardNumber("resolve-\(id)-\(micros)") { oldFormatTrips += 1 }
            let commandId = ExceptionService.resolveCommandId(exceptionId: id, at: Timestamp(microsecondsSinceEpoch: micros))
            #expect(!PANDetector.containsCardNumber(commandId), "\(commandId)")
        }
        #expect(oldFormatTrips > 0)  // the former `resolve-{id}-{micros}` did
    }
}
